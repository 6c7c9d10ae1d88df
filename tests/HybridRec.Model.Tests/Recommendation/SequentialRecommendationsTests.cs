using HybridRec.Data;
using HybridRec.Model.Recommendation;
using HybridRec.Model.Tests.TestData;

namespace HybridRec.Model.Tests.Recommendation;

public sealed class SequentialRecommendationsTests
{
    [Fact]
    public void TheCallingThreadPathEqualsTheParallelOne()
    {
        // 5,000 items: more than one scoring chunk, so Recommend fans out with Parallel.For; random parameters, two members.
        var data = SyntheticDataset.Create(users: 6, movies: 5000, ratingsPerUser: 40);
        var options = TestOptions.Model with { EmbeddingSize = 4, NeuralWidth = 3, TowerWidth = 2, UseBiases = true };
        var layout = TestOptions.Setup(6, 5000, data.ItemFeatures, FeatureGroupCollection.Empty, options).Layout;
        var members = Enumerable.Range(0, 2).Select(k =>
        {
            var rng = new SeededRandom(100 + k);
            var p = new float[layout.Count];
            for (int i = 0; i < p.Length; i++) p[i] = rng.NextSingle() - 0.5f;
            return p;
        }).ToList();
        var model = HybridModel.Create(data, data.Ratings, options, 0.6f, members);
        foreach (int userId in model.Users.RawIds.ToArray())
            foreach (int count in new[] { 0, 1, 3, 100 })
                Assert.Equal(model.Recommend(userId, count), model.RecommendOnCallingThread(userId, count));
    }

    [Fact]
    public void ArgumentsAreCheckedAsInRecommend()
    {
        var data = SyntheticDataset.Create(users: 3, movies: 5, ratingsPerUser: 2);
        var options = TestOptions.Model with { EmbeddingSize = 2 };
        var layout = TestOptions.Setup(3, 5, data.ItemFeatures, FeatureGroupCollection.Empty, options).Layout;
        var model = HybridModel.Create(data, data.Ratings, options, 0f, new float[layout.Count]);
        Assert.Throws<UnknownUserException>(() => model.RecommendOnCallingThread(999, 3));
        Assert.Throws<ArgumentOutOfRangeException>(() => model.RecommendOnCallingThread(1, -1));
    }
}
