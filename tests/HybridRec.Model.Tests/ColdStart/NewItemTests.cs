using HybridRec.Data;
using HybridRec.Model.Recommendation;
using HybridRec.Model.Tests.TestData;
using HybridRec.Model.Training;

namespace HybridRec.Model.Tests.ColdStart;

/// <summary><see cref="HybridModel.DescribeNewItem"/> and <see cref="HybridModel.ScoreNewItem(int, ColdStart.NewItem)"/>.</summary>
public sealed class NewItemTests
{
    private static readonly Lazy<(RatingDataset Data, HybridModel Model)> Trained = new(() =>
    {
        var data = SyntheticDataset.Create(users: 30, movies: 40, ratingsPerUser: 12);
        var model = HybridTrainer.Train(data, data.Ratings, TestOptions.Model with { EmbeddingSize = 6, UseBiases = true },
            TestOptions.Training with { Epochs = 3, BatchSize = 16, ProgressInterval = 0, EnsembleSize = 2, ConcurrentMembers = 1 }).Model;
        return (data, model);
    });

    private static Dictionary<string, IReadOnlyList<string>> FeaturesOf(HybridModel model, int item) =>
        model.ItemFeatures.ToDictionary(g => g.Name, g => (IReadOnlyList<string>)g.Values.Row(item).ToArray().Select(j => g.Vocabulary[j]).ToArray());

    [Fact]
    public void ANewItemScoresAsAKnownItemWithTheSameFeaturesAndZeroLearnedRows()
    {
        var (data, model) = Trained.Value;
        int item = 7, e = model.Layout.E;
        // The model with item 7's embeddings and bias set to zero: what the new-item path claims to compute.
        var zeroed = model.Members.Select(p =>
        {
            var copy = (float[])p.Clone();
            Array.Clear(copy, model.Layout.ItemCf.Offset + item * e, e);
            Array.Clear(copy, model.Layout.ItemNn.Offset + item * e, e);
            copy[model.Layout.ItemBias!.Offset + item] = 0;
            return copy;
        }).ToList();
        var reference = HybridModel.Create(data, data.Ratings, model.Options, model.GlobalOffset, zeroed);
        var newItem = model.DescribeNewItem(FeaturesOf(model, item), "a new film");
        Assert.Equal("a new film", newItem.Name);
        foreach (int u in new[] { 0, 5, 29 })
        {
            int userId = data.Users.GetRawId(u);
            Assert.Equal(reference.PredictStars(userId, data.Items.GetRawId(item)), model.ScoreNewItem(userId, newItem).PredictedRating, 5e-5f);
        }
        // And for a folded-in user, as that user's prediction in the zeroed model.
        var ratings = new List<(int, float)> { (data.Items.GetRawId(1), 5f), (data.Items.GetRawId(2), 1f) };
        Assert.Equal(reference.PredictStars(reference.FoldInUser(ratings), data.Items.GetRawId(item)),
            model.ScoreNewItem(model.FoldInUser(ratings), newItem).PredictedRating, 5e-5f);
    }

    [Fact]
    public void TheFeaturesChangeTheScore()
    {
        var (data, model) = Trained.Value;
        var genres = model.ItemFeatures["genres"].Vocabulary;
        int userId = data.Users.GetRawId(3);
        var scores = genres.Select(g => model.ScoreNewItem(userId, model.DescribeNewItem(new Dictionary<string, IReadOnlyList<string>> { ["genres"] = [g] })).Score).ToList();
        Assert.True(scores.Distinct().Count() > 1, string.Join(", ", scores));
    }

    [Fact]
    public void UnknownGroupsAndValuesAreArgumentExceptions()
    {
        var (_, model) = Trained.Value;
        Assert.Contains("'moods' is not one of the model's towers", Assert.Throws<ArgumentException>(() =>
            model.DescribeNewItem(new Dictionary<string, IReadOnlyList<string>> { ["moods"] = ["happy"] })).Message);
        Assert.Contains("'Western' is not in its vocabulary", Assert.Throws<ArgumentException>(() =>
            model.DescribeNewItem(new Dictionary<string, IReadOnlyList<string>> { ["genres"] = ["Western"] })).Message);
        Assert.Throws<UnknownUserException>(() => model.ScoreNewItem(999_999, model.DescribeNewItem(new Dictionary<string, IReadOnlyList<string>>())));
    }
}
