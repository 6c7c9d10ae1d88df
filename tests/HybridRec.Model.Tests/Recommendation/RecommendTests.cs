using FsCheck;
using FsCheck.Fluent;
using HybridRec.Model.Recommendation;
using HybridRec.Model.Tests.TestData;
using HybridRec.Model.Training;

namespace HybridRec.Model.Tests.Recommendation;

public sealed class RecommendTests
{
    private static readonly Lazy<HybridModel> Model = new(() =>
    {
        var data = SyntheticDataset.Create(users: 25, movies: 40, ratingsPerUser: 15);
        var split = SyntheticDataset.Split(data.Ratings, 0.2, 2);
        return HybridTrainer.Train(data, split.Train, TestOptions.Model with { EmbeddingSize = 6, UseBiases = true },
            TestOptions.Training with { Epochs = 3, BatchSize = 16, ProgressInterval = 0 }).Model;
    });

    [Fact]
    public void RecommendNeverReturnsARatedMovieAndIsSortedByPrediction()
    {
        var model = Model.Value;
        var gen = from u in Gen.Choose(0, model.Users.Count - 1)
                  from k in Gen.Choose(0, model.Items.Count + 5)
                  select (u, k);
        Prop.ForAll(gen.ToArbitrary(), c =>
        {
            int userId = model.Users.GetRawId(c.u);
            var recs = model.Recommend(userId, c.k);
            int unseen = model.Items.Count - model.History.Of(c.u).Length;
            Assert.Equal(Math.Min(c.k, unseen), recs.Count);
            foreach (var r in recs)
                Assert.False(model.History.Contains(c.u, model.Items.GetIndex(r.ItemId)), $"movie {r.ItemId} was rated by user {userId} in training");
            Assert.Equal(recs.Count, recs.Select(r => r.ItemId).Distinct().Count());
            for (int i = 1; i < recs.Count; i++) Assert.True(recs[i - 1].PredictedRating >= recs[i].PredictedRating);
            Assert.All(recs, r => Assert.InRange(r.PredictedRating, model.Scale.Min, model.Scale.Max));
            Assert.All(recs, r => Assert.Equal(model.ItemNames[model.Items.GetIndex(r.ItemId)], r.Name));
            return true;
        }).Check(Properties.Deterministic(40));
    }

    [Fact]
    public void RecommendationsAreTheBestUnseenPredictions()
    {
        var model = Model.Value;
        int userId = model.Users.GetRawId(3);
        var recs = model.Recommend(userId, 3);
        var best = Enumerable.Range(0, model.Items.Count)
            .Where(m => !model.History.Contains(3, m))
            .Select(m => (Id: model.Items.GetRawId(m), Stars: model.PredictStars(userId, model.Items.GetRawId(m))))
            .OrderByDescending(x => x.Stars).ThenBy(x => x.Id).Take(3).Select(x => x.Id);
        Assert.Equal(best, recs.Select(r => r.ItemId));
    }

    [Fact]
    public void AnUnknownUserGetsAClearError()
    {
        var e = Assert.Throws<UnknownUserException>(() => Model.Value.Recommend(999_999, 3));
        Assert.Equal(999_999, e.UserId);
        Assert.Contains("user 999999 is not in the model", e.Message);
        Assert.Contains("25 users", e.Message);
    }
}
