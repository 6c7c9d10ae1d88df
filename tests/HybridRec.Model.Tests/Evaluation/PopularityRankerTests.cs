using HybridRec.Data;
using HybridRec.Model.Evaluation;
using HybridRec.Model.Tests.TestData;

namespace HybridRec.Model.Tests.Evaluation;

/// <summary>The popularity baseline and the shared ranking protocol on <see cref="HandMadeTable"/>, every figure worked out by hand.</summary>
public sealed class PopularityRankerTests
{
    private const double Tol = 1e-12;
    // User 1's list [30, 40, 50] with 30 and 50 relevant: DCG = 1 + 1/log2(4), IDCG = 1 + 1/log2(3).
    private static readonly double NdcgUser1 = 1.5 / (1 + 1 / Math.Log2(3)); // 0.9197207891481876

    [Fact]
    public void CountsAndRankingFollowTheTrainingSplitWithTiesByRawId()
    {
        var (data, split) = HandMadeTable.Create();
        Assert.Equal([10, 20, 30, 40, 50], data.Items.RawIds.ToArray());
        var popularity = PopularityRanker.FromRatings(split.Train, data.Items.Count);
        Assert.Equal([1, 3, 1, 1, 0], Enumerable.Range(0, 5).Select(popularity.CountOf));
        // 20 (3 ratings), then 10, 30, 40 (1 each, by raw id), then 50 (none).
        Assert.Equal([20, 10, 30, 40, 50], popularity.Ranking().Select(data.Items.GetRawId));
        var scores = new float[5];
        popularity.ScoreItems(2, scores);
        Assert.Equal([1f, 3f, 1f, 1f, 0f], scores);
    }

    [Fact]
    public void RankingMetricsAtThreeAreTheHandComputedOnes()
    {
        var (data, split) = HandMadeTable.Create();
        // Lists (training items excluded): user 1 → [30, 40, 50]; user 2 → [10, 40, 50]; user 3 → [10, 30, 50].
        // Relevant (≥ 4): user 1 {30, 50}; user 2 none (skipped); user 3 {10}.
        var r = RankingEvaluator.EvaluatePopularity(split.Train, split.Test, data.Users.Count, data.Items.Count, new RankingOptions { K = 3 });
        Assert.Equal(2, r.UsersEvaluated);
        Assert.Equal(1, r.UsersSkipped);
        Assert.Equal((NdcgUser1 + 1.0) / 2, r.Ndcg, Tol);
        Assert.Equal((2.0 / 3 + 1.0 / 3) / 2, r.Precision, Tol);
        Assert.Equal(1.0, r.Recall, Tol);
        Assert.Equal(1.0, r.HitRate, Tol);
        Assert.Equal((5.0 / 6 + 1.0) / 2, r.MeanAveragePrecision, Tol); // AP user 1 = (1/1 + 2/3) / 2
        Assert.Equal(4.0 / 5, r.Coverage, Tol);                           // {10, 30, 40, 50} of 5

        // At the default K = 10 the lists are the same three items each; precision divides by 10.
        var r10 = RankingEvaluator.EvaluatePopularity(split.Train, split.Test, data.Users.Count, data.Items.Count);
        Assert.Equal(r.Ndcg, r10.Ndcg, Tol);
        Assert.Equal((2.0 + 1.0) / 10 / 2, r10.Precision, Tol);
    }

    [Fact]
    public void TheRelevanceThresholdIsAParameter()
    {
        var (data, split) = HandMadeTable.Create();
        // At ≥ 3, user 2's rating of 10 (3 stars) is relevant too, and 10 tops user 2's list: NDCG 1.
        var r = RankingEvaluator.EvaluatePopularity(split.Train, split.Test, data.Users.Count, data.Items.Count, new RankingOptions { K = 3, RelevantAtLeast = 3 });
        Assert.Equal(3, r.UsersEvaluated);
        Assert.Equal((NdcgUser1 + 1.0 + 1.0) / 3, r.Ndcg, Tol);
        // Above every held-out rating nobody is evaluated: the means are NaN, and every user is counted as skipped.
        var none = RankingEvaluator.EvaluatePopularity(split.Train, split.Test, data.Users.Count, data.Items.Count, new RankingOptions { RelevantAtLeast = 5.5f });
        Assert.Equal(0, none.UsersEvaluated);
        Assert.Equal(3, none.UsersSkipped);
        Assert.True(double.IsNaN(none.Ndcg));
        Assert.Throws<ArgumentOutOfRangeException>(() => RankingEvaluator.EvaluatePopularity(split.Train, split.Test, 3, 5, new RankingOptions { K = 0 }));
    }

    [Fact]
    public void BadInputIsRejected()
    {
        var (_, split) = HandMadeTable.Create();
        Assert.Throws<ArgumentException>(() => new PopularityRanker([1, -1]));
        Assert.Throws<ArgumentOutOfRangeException>(() => PopularityRanker.FromRatings(split.Train, 3)); // item index 3 exists
        var seen = UserHistory.FromRatings(split.Train, 3);
        Assert.Throws<ArgumentException>(() => RankingEvaluator.Evaluate(new PopularityRanker(new int[4]), seen, split.Test)); // item 4 is held out
        Assert.Throws<ArgumentException>(() => RankingEvaluator.Evaluate(PopularityRanker.FromRatings(split.Train, 5), new UserHistory([0, 0, 0], []), split.Test)); // user 3 is held out
    }
}
