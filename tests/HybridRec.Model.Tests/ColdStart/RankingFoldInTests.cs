using HybridRec.Data;
using HybridRec.Model.ColdStart;
using HybridRec.Model.Recommendation;
using HybridRec.Model.Tests.TestData;
using HybridRec.Model.Training;

namespace HybridRec.Model.Tests.ColdStart;

/// <summary>Fold-in of a model with a ranking head: the user_rank row is fitted and the folded-in user ranks by the head's score.</summary>
public sealed class RankingFoldInTests
{
    private static readonly Lazy<(RatingDataset Data, RatingTable Train, HybridModel Model)> Trained = new(() =>
    {
        var data = SyntheticDataset.Create(users: 40, movies: 50, ratingsPerUser: 15);
        var train = data.Ratings.Select(Enumerable.Range(0, data.Ratings.Count).Where(i => data.Ratings.Users[i] < 35).ToArray());
        var model = HybridTrainer.Train(data, train,
            TestOptions.Model with { EmbeddingSize = 6, UseBiases = true, EmbeddingL2 = 1e-3f, RankingEmbeddingSize = 4 },
            TestOptions.Training with { Epochs = 3, BatchSize = 16, ProgressInterval = 0, EnsembleSize = 2, ConcurrentMembers = 1, Ranking = new RankingLossOptions { Negatives = 8 } }).Model;
        return (data, train, model);
    });

    private static List<(int ItemId, float Rating)> RatingsOf(RatingDataset data, int user, int count) =>
        Enumerable.Range(0, data.Ratings.Count).Where(i => data.Ratings.Users[i] == user).Take(count)
            .Select(i => (data.Items.GetRawId(data.Ratings.Items[i]), data.Ratings.Stars[i])).ToList();

    [Fact]
    public void TheRankRowFitLowersTheSoftmaxLossToALocalMinimum()
    {
        var (data, _, model) = Trained.Value;
        Assert.True(model.Layout.HasRankingHead);
        var items = RatingsOf(data, 36, 6).Select(r => data.Items.GetIndex(r.ItemId)).ToArray();
        var scorer = model.Scorers[0];
        var fit = scorer.FitRankRow(items, 0.01f, new FoldInOptions { RankingSteps = 3000, LearningRate = 0.005f });
        Assert.True(fit.FinalLoss < fit.InitialLoss, $"{fit.FinalLoss} !< {fit.InitialLoss}");
        // From p3 = 0 every score is the item's bias r[m]: the loss is mean_c log(Σ_unrated e^{r_m} + e^{r_c}) − r_c.
        var r = model.Members[0].AsSpan(model.Layout.ItemRankBias!.Offset, data.Items.Count).ToArray();
        double unrated = Enumerable.Range(0, data.Items.Count).Where(m => !items.Contains(m)).Sum(m => Math.Exp(r[m]));
        Assert.Equal(items.Average(c => Math.Log(unrated + Math.Exp(r[c])) - r[c]), fit.InitialLoss, 5);
        var rated = new bool[data.Items.Count];
        foreach (int m in items) rated[m] = true;
        float[] scores = new float[data.Items.Count], grad = new float[fit.Row.Length];
        var weighted = new double[fit.Row.Length];
        double at = scorer.RankLossAndGradient(fit.Row, items, rated, 0.01f, scores, weighted, grad);
        for (int j = 0; j < fit.Row.Length; j++)
            foreach (float step in new[] { -0.02f, 0.02f })
            {
                var moved = (float[])fit.Row.Clone();
                moved[j] += step;
                Assert.True(scorer.RankLossAndGradient(moved, items, rated, 0.01f, scores, weighted, grad) > at, $"coordinate {j}, step {step}");
            }
    }

    [Fact]
    public void AFoldedInUserRanksAsTheNetworkWithItsRowsInserted()
    {
        var (data, train, model) = Trained.Value;
        int user = 37, e = model.Layout.E, er = model.Layout.Er;
        var folded = model.FoldInUser(RatingsOf(data, user, 8));
        var members = model.Members.Select((p, s) =>
        {
            var copy = (float[])p.Clone();
            var rows = folded.Members[s];
            rows.Cf.CopyTo(copy, model.Layout.UserCf.Offset + user * e);
            rows.Nn.CopyTo(copy, model.Layout.UserNn.Offset + user * e);
            copy[model.Layout.UserBias!.Offset + user] = rows.Bias;
            Assert.Equal(er, rows.Rank.Length);
            rows.Rank.CopyTo(copy, model.Layout.UserRank!.Offset + user * er);
            return copy;
        }).ToList();
        var inserted = HybridModel.Create(data, train, model.Options, model.GlobalOffset, members);
        var all = new RecommendOptions { Count = data.Items.Count, ExcludeRated = false };
        var expected = inserted.Recommend(data.Users.GetRawId(user), all);
        var actual = model.Recommend(folded, all);
        Assert.Equal(expected.Select(r => r.ItemId), actual.Select(r => r.ItemId));
        for (int i = 0; i < expected.Count; i++) Assert.Equal(expected[i].Score, actual[i].Score, 1e-5f);
        // The head's score, not the rating, orders the list.
        Assert.NotEqual(actual.Select(r => r.ItemId), actual.OrderByDescending(r => r.PredictedRating).ThenBy(r => r.ItemId).Select(r => r.ItemId));
    }
}
