using FsCheck;
using FsCheck.Fluent;
using HybridRec.Model.Recommendation;
using HybridRec.Model.Scoring;
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
    public void RecommendNeverReturnsARatedMovieAndIsSortedByScore()
    {
        var model = Model.Value;
        var gen = from u in Gen.Choose(0, model.Users.Count - 1)
                  from k in Gen.Choose(1, model.Items.Count + 5)
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
            for (int i = 1; i < recs.Count; i++) Assert.True(recs[i - 1].Score >= recs[i].Score);
            Assert.All(recs, r => Assert.InRange(r.PredictedRating, model.Scale.Min, model.Scale.Max));
            Assert.All(recs, r => Assert.Equal(model.ItemNames[model.Items.GetIndex(r.ItemId)], r.Name));
            return true;
        }).Check(Properties.Deterministic(40));
    }

    [Fact]
    public void RecommendationsAreTheBestUnseenScoresAndScoreIsTheUnclippedPredictedRating()
    {
        var model = Model.Value;
        int userId = model.Users.GetRawId(3);
        var recs = model.Recommend(userId, 3);
        // A rating-only model's score is its unclipped normalised predicted rating, averaged over the members.
        var scorers = model.Members.Select(p => new MemberScorer(model.Layout, p, model.ItemFeatures, model.UserFeatures, model.GlobalOffset)).ToArray();
        float Expected(int m) => scorers.Length == 1 ? scorers[0].PredictRating(3, m) : (float)(scorers.Sum(s => (double)s.PredictRating(3, m)) / scorers.Length);
        var best = Enumerable.Range(0, model.Items.Count)
            .Where(m => !model.History.Contains(3, m))
            .OrderByDescending(Expected).ThenBy(m => m).Take(3).ToArray();
        Assert.Equal(best.Select(model.Items.GetRawId), recs.Select(r => r.ItemId));
        Assert.Equal(best.Select(Expected), recs.Select(r => r.Score));
        Assert.Equal(recs.Select(r => model.PredictStars(userId, r.ItemId)), recs.Select(r => r.PredictedRating));
        Assert.Equal(recs.Select(r => model.Scale.Denormalize(Math.Clamp(r.Score, 0f, 1f))), recs.Select(r => r.PredictedRating));
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
