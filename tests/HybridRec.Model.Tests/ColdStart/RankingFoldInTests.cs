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
        var fit = scorer.FitRankRow(items, 0.01f, new FoldInOptions { Solver = FoldInSolver.Adam, RankingSteps = 3000, LearningRate = 0.005f });
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

    [Theory]
    [InlineData(1, 0.01f)]
    [InlineData(6, 0.01f)]
    [InlineData(6, 1e-4f)]
    [InlineData(12, 0.001f)]
    public void TheNewtonRankRowFitReachesTheOptimumOfTheConvexObjective(int k, float l2)
    {
        // The objective is convex in p3, so its optimum is where the gradient vanishes. Run to a tight tolerance, the
        // quasi-Newton fit's gradient is below 1e-4 (in norm) and its loss is at most that of 20,000 Adam steps + 1e-7;
        // at the default tolerance (1e-4 on the estimated gap) its loss is within 1e-3 of that optimum.
        var (data, _, model) = Trained.Value;
        foreach (int user in new[] { 35, 36, 38 })
        {
            var items = RatingsOf(data, user, k).Select(r => data.Items.GetIndex(r.ItemId)).ToArray();
            var rated = new bool[data.Items.Count];
            foreach (int m in items) rated[m] = true;
            foreach (var scorer in model.Scorers)
            {
                var tight = scorer.FitRankRowNewton(items, l2, 500, 1e-14);
                var fast = scorer.FitRankRowNewton(items, l2, FoldInOptions.DefaultMaxRankingPasses, FoldInOptions.DefaultRankingTolerance);
                var adam = scorer.FitRankRow(items, l2, new FoldInOptions { Solver = FoldInSolver.Adam, RankingSteps = 20_000, LearningRate = 0.002f });
                Assert.Equal(adam.InitialLoss, tight.InitialLoss, 1e-6);   // double moments vs the float pass
                float[] scores = new float[data.Items.Count], grad = new float[tight.Row.Length];
                double at = scorer.RankLossAndGradient(tight.Row, items, rated, l2, scores, new double[grad.Length], grad);
                Assert.Equal(tight.FinalLoss, at, 1e-9);
                double norm = Math.Sqrt(grad.Sum(g => (double)g * g));
                Assert.True(norm < 1e-4, $"user {user}, k {k}: gradient norm {norm} after {tight.Passes} passes");
                Assert.True(tight.FinalLoss <= adam.FinalLoss + 1e-7, $"user {user}, k {k}: Newton {tight.FinalLoss} > Adam {adam.FinalLoss}");
                Assert.True(fast.FinalLoss - tight.FinalLoss <= 1e-3, $"user {user}, k {k}: default {fast.FinalLoss} vs optimum {tight.FinalLoss}");
                Assert.True(fast.Passes <= FoldInOptions.DefaultMaxRankingPasses);
            }
        }
    }

    [Fact]
    public void ConcurrentFoldInsOfAFreshModelAreBitIdentical()
    {
        // The ranking row's cached prior is built lazily by whichever request comes first: racing requests on a fresh
        // model get the same rows as a sequential fold-in.
        var (data, train, model) = Trained.Value;
        var ratings = RatingsOf(data, 38, 7);
        var expected = model.FoldInUser(ratings);
        var fresh = HybridModel.Create(data, train, model.Options, model.GlobalOffset, model.Members);
        var results = new FoldedInUser[16];
        Parallel.For(0, results.Length, new ParallelOptions { MaxDegreeOfParallelism = 8 }, i => results[i] = fresh.FoldInUser(ratings));
        foreach (var r in results)
            for (int s = 0; s < expected.Members.Length; s++)
            {
                Assert.Equal(expected.Members[s].Rank, r.Members[s].Rank);
                Assert.Equal(expected.Members[s].Cf, r.Members[s].Cf);
                Assert.Equal(expected.Members[s].Nn, r.Members[s].Nn);
                Assert.Equal(expected.Members[s].Bias, r.Members[s].Bias);
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
