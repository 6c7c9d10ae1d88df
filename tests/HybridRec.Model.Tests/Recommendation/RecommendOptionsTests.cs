using HybridRec.Data;
using HybridRec.Model.Recommendation;
using HybridRec.Model.Tests.TestData;
using HybridRec.Model.Training;

namespace HybridRec.Model.Tests.Recommendation;

/// <summary><see cref="RecommendOptions"/>: exclusions, minimum training ratings, count bounds, deterministic ties, batches.</summary>
public sealed class RecommendOptionsTests
{
    private static readonly Lazy<(RatingDataset Data, RatingSplit Split, HybridModel Model)> Trained = new(() =>
    {
        var data = SyntheticDataset.Create(users: 25, movies: 40, ratingsPerUser: 12);
        var split = SyntheticDataset.Split(data.Ratings, 0.2, 3);
        var model = HybridTrainer.Train(data, split.Train, TestOptions.Model with { EmbeddingSize = 6, UseBiases = true },
            TestOptions.Training with { Epochs = 3, BatchSize = 16, ProgressInterval = 0, EnsembleSize = 2, ConcurrentMembers = 1 }).Model;
        return (data, split, model);
    });

    private static HybridModel Model => Trained.Value.Model;

    /// <summary>Every item of the model by score for user index <paramref name="user"/> (nothing excluded), best first.</summary>
    private static IReadOnlyList<global::HybridRec.Model.Recommendation.Recommendation> Everything(int user) =>
        Model.Recommend(Model.Users.GetRawId(user), new RecommendOptions { Count = RecommendOptions.MaxCount, ExcludeRated = false });

    [Fact]
    public void TrainingRatingCountsAreTheTrainingSplitsCounts()
    {
        var (data, split, model) = Trained.Value;
        for (int m = 0; m < data.Items.Count; m++)
            Assert.Equal(split.Train.Items.ToArray().Count(i => i == m), model.TrainingRatingCount(data.Items.GetRawId(m)));
        Assert.Throws<KeyNotFoundException>(() => model.TrainingRatingCount(7)); // item ids are multiples of 10
    }

    [Fact]
    public void ExcludedItemsAndRatedItemsAreLeftOutAndTheRestKeepsItsOrder()
    {
        int user = 4, userId = Model.Users.GetRawId(user);
        var all = Everything(user);
        var unrated = all.Where(r => !Model.History.Contains(user, Model.Items.GetIndex(r.ItemId))).ToList();
        var excluded = new[] { unrated[0].ItemId, unrated[2].ItemId, 999_999 }; // an unknown id is ignored
        var recs = Model.Recommend(userId, new RecommendOptions { Count = 5, ExcludeItems = excluded });
        Assert.Equal(unrated.Where(r => !excluded.Contains(r.ItemId)).Take(5), recs);

        // Without the rated-items exclusion, the list is the top of the whole catalogue: one more than the unrated
        // items must hold a rated one.
        var withRated = Model.Recommend(userId, new RecommendOptions { Count = unrated.Count + 1, ExcludeRated = false });
        Assert.Equal(all.Take(unrated.Count + 1), withRated);
        Assert.Contains(withRated, r => Model.History.Contains(user, Model.Items.GetIndex(r.ItemId)));
    }

    [Fact]
    public void CandidatesNeedTheMinimumNumberOfTrainingRatings()
    {
        int user = 7, userId = Model.Users.GetRawId(user);
        var counts = Enumerable.Range(0, Model.Items.Count).Select(m => Model.TrainingRatingCount(Model.Items.GetRawId(m))).ToArray();
        int min = counts.Order().ElementAt(counts.Length / 2); // the median: about half the items qualify
        var recs = Model.Recommend(userId, new RecommendOptions { Count = 8, MinTrainingRatings = min });
        var expected = Everything(user).Where(r => !Model.History.Contains(user, Model.Items.GetIndex(r.ItemId)) && Model.TrainingRatingCount(r.ItemId) >= min).Take(8);
        Assert.Equal(expected, recs);
        Assert.All(recs, r => Assert.True(Model.TrainingRatingCount(r.ItemId) >= min));
        Assert.Contains(Everything(user).Take(8), r => counts[Model.Items.GetIndex(r.ItemId)] < min); // the filter removed something

        // A minimum nothing reaches leaves no candidates.
        Assert.Empty(Model.Recommend(userId, new RecommendOptions { MinTrainingRatings = counts.Max() + 1 }));
    }

    [Theory]
    [InlineData(0)]
    [InlineData(-1)]
    [InlineData(RecommendOptions.MaxCount + 1)]
    public void CountsOutsideTheBoundsAreRejected(int count)
    {
        int userId = Model.Users.GetRawId(0);
        Assert.Throws<ArgumentOutOfRangeException>(() => Model.Recommend(userId, new RecommendOptions { Count = count }));
        Assert.Throws<ArgumentOutOfRangeException>(() => Model.Recommend(userId, count));
        Assert.Throws<ArgumentOutOfRangeException>(() => Model.Recommend([userId], new RecommendOptions { Count = count }));
        Assert.Throws<ArgumentOutOfRangeException>(() => Model.Recommend(userId, new RecommendOptions { MinTrainingRatings = -1 }));
    }

    [Fact]
    public void TheLargestCountReturnsEveryCandidate()
    {
        int user = 2;
        var recs = Model.Recommend(Model.Users.GetRawId(user), new RecommendOptions { Count = RecommendOptions.MaxCount });
        Assert.Equal(Model.Items.Count - Model.History.Of(user).Length, recs.Count);
        Assert.Equal(Model.Recommend(Model.Users.GetRawId(user)), recs.Take(RecommendOptions.DefaultCount));
    }

    [Fact]
    public void TiesAreBrokenByTheLowerItemId()
    {
        var (data, split, trained) = Trained.Value;
        // All parameters zero: every item scores the same, so the order is the raw item id order.
        var flat = HybridModel.Create(data, split.Train, trained.Options, 0f, new float[trained.Layout.Count]);
        int user = 5, userId = data.Users.GetRawId(user);
        var unratedIds = Enumerable.Range(0, data.Items.Count).Where(m => !flat.History.Contains(user, m)).Select(data.Items.GetRawId).ToArray();
        var recs = flat.Recommend(userId, new RecommendOptions { Count = 10 });
        Assert.Equal(unratedIds.Order().Take(10), recs.Select(r => r.ItemId));
        Assert.All(recs, r => Assert.Equal(recs[0].Score, r.Score));
        Assert.Equal(recs, flat.Recommend(userId, new RecommendOptions { Count = 10, Parallel = true }));
    }

    [Fact]
    public void ABatchEqualsOneCallPerUserInOrder()
    {
        var ids = new[] { 9, 1, 17, 9, 25 }.Select(u => Model.Users.GetRawId(u - 1)).ToArray();
        var options = new RecommendOptions { Count = 4, MinTrainingRatings = 1, ExcludeItems = [Model.Items.GetRawId(0)] };
        var singles = ids.Select(id => Model.Recommend(id, options)).ToList();
        Assert.Equal(singles.Count, Model.Recommend(ids, options).Count);
        foreach (var parallel in new[] { false, true })
        {
            var batch = Model.Recommend(ids, options with { Parallel = parallel });
            for (int i = 0; i < ids.Length; i++) Assert.Equal(singles[i], batch[i]);
            // The parallel single-user path scores the same.
            Assert.Equal(singles[0], Model.Recommend(ids[0], options with { Parallel = parallel }));
        }
        Assert.Empty(Model.Recommend(Array.Empty<int>()));
        var e = Assert.Throws<UnknownUserException>(() => Model.Recommend([ids[0], 123_456, ids[1]]));
        Assert.Equal(123_456, e.UserId);
    }
}
