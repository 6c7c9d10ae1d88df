using Xunit;
using HybridRec.Model.Evaluation;

namespace HybridRec.Model.Tests.Evaluation;

public class RankingMetricsTests
{
    private const double Tol = 1e-12;
    private static readonly double InvLog2Of3 = 1.0 / Math.Log2(3); // 0.6309297535714575

    private static HashSet<int> Set(params int[] items) => [.. items];

    [Fact]
    public void Relevant_non_relevant_relevant_at_3()
    {
        int[] ranked = [1, 2, 3];
        var relevant = Set(1, 3);
        // hits at positions 0 and 2
        Assert.Equal(2.0 / 3.0, RankingMetrics.PrecisionAtK(ranked, relevant, 3), Tol);   // 2 hits / k=3
        Assert.Equal(1.0, RankingMetrics.RecallAtK(ranked, relevant, 3), Tol);             // 2 hits / 2 relevant
        // DCG = 1/log2(2) + 1/log2(4) = 1 + 1/2; IDCG (2 ideal hits) = 1 + 1/log2(3)
        Assert.Equal((1 + 0.5) / (1 + InvLog2Of3), RankingMetrics.NdcgAtK(ranked, relevant, 3), Tol);
        Assert.Equal(0.9197207891481876, RankingMetrics.NdcgAtK(ranked, relevant, 3), 1e-12);
        Assert.Equal(1.0, RankingMetrics.HitRateAtK(ranked, relevant, 3));
        // AP = (P@1 + P@3) / min(2, 3) = (1 + 2/3) / 2 = 5/6
        Assert.Equal(5.0 / 6.0, RankingMetrics.AveragePrecisionAtK(ranked, relevant, 3), Tol);
    }

    [Fact]
    public void Ranked_list_shorter_than_k_counts_missing_positions_as_misses()
    {
        int[] ranked = [5];
        var relevant = Set(5, 6);
        Assert.Equal(1.0 / 3.0, RankingMetrics.PrecisionAtK(ranked, relevant, 3), Tol);    // 1 hit / k=3, not / 1
        Assert.Equal(0.5, RankingMetrics.RecallAtK(ranked, relevant, 3), Tol);             // 1 of 2
        // DCG = 1; IDCG over min(2, 3) = 2 ideal hits = 1 + 1/log2(3)
        Assert.Equal(1.0 / (1 + InvLog2Of3), RankingMetrics.NdcgAtK(ranked, relevant, 3), Tol);
        Assert.Equal(1.0, RankingMetrics.HitRateAtK(ranked, relevant, 3));
        // AP = P@1 / min(2, 3) = 1/2
        Assert.Equal(0.5, RankingMetrics.AveragePrecisionAtK(ranked, relevant, 3), Tol);
    }

    [Fact]
    public void Hits_in_the_middle_with_more_relevant_than_hits()
    {
        int[] ranked = [1, 2, 3, 4, 5];
        var relevant = Set(2, 5, 9);
        // hits at positions 1 and 4
        Assert.Equal(0.4, RankingMetrics.PrecisionAtK(ranked, relevant, 5), Tol);          // 2/5
        Assert.Equal(2.0 / 3.0, RankingMetrics.RecallAtK(ranked, relevant, 5), Tol);       // 2/3
        // DCG = 1/log2(3) + 1/log2(6); IDCG = 1 + 1/log2(3) + 1/log2(4)
        double dcg = InvLog2Of3 + 1 / Math.Log2(6), idcg = 1 + InvLog2Of3 + 0.5;
        Assert.Equal(dcg / idcg, RankingMetrics.NdcgAtK(ranked, relevant, 5), Tol);
        Assert.Equal(0.47762, RankingMetrics.NdcgAtK(ranked, relevant, 5), 1e-5);
        // AP = (P@2 + P@5) / min(3, 5) = (1/2 + 2/5) / 3 = 0.3
        Assert.Equal(0.3, RankingMetrics.AveragePrecisionAtK(ranked, relevant, 5), Tol);
        // at k = 1 nothing is hit
        Assert.Equal(0.0, RankingMetrics.HitRateAtK(ranked, relevant, 1));
        Assert.Equal(0.0, RankingMetrics.NdcgAtK(ranked, relevant, 1));
    }

    [Fact]
    public void Empty_ranked_list_scores_zero()
    {
        int[] ranked = [];
        var relevant = Set(1);
        Assert.Equal(0.0, RankingMetrics.PrecisionAtK(ranked, relevant, 5));
        Assert.Equal(0.0, RankingMetrics.RecallAtK(ranked, relevant, 5));
        Assert.Equal(0.0, RankingMetrics.NdcgAtK(ranked, relevant, 5));
        Assert.Equal(0.0, RankingMetrics.HitRateAtK(ranked, relevant, 5));
        Assert.Equal(0.0, RankingMetrics.AveragePrecisionAtK(ranked, relevant, 5));
    }

    [Fact]
    public void No_hits_scores_zero()
    {
        int[] ranked = [7, 8, 9];
        var relevant = Set(1);
        Assert.Equal(0.0, RankingMetrics.PrecisionAtK(ranked, relevant, 3));
        Assert.Equal(0.0, RankingMetrics.RecallAtK(ranked, relevant, 3));
        Assert.Equal(0.0, RankingMetrics.NdcgAtK(ranked, relevant, 3));
        Assert.Equal(0.0, RankingMetrics.HitRateAtK(ranked, relevant, 3));
        Assert.Equal(0.0, RankingMetrics.AveragePrecisionAtK(ranked, relevant, 3));
    }

    [Fact]
    public void Empty_relevant_set_is_undefined()
    {
        int[] ranked = [1, 2];
        var relevant = Set();
        Assert.True(double.IsNaN(RankingMetrics.PrecisionAtK(ranked, relevant, 2)));
        Assert.True(double.IsNaN(RankingMetrics.RecallAtK(ranked, relevant, 2)));
        Assert.True(double.IsNaN(RankingMetrics.NdcgAtK(ranked, relevant, 2)));
        Assert.True(double.IsNaN(RankingMetrics.HitRateAtK(ranked, relevant, 2)));
        Assert.True(double.IsNaN(RankingMetrics.AveragePrecisionAtK(ranked, relevant, 2)));
        Assert.True(double.IsNaN(RankingMetrics.NdcgAtK([], relevant, 2)));
    }

    [Fact]
    public void All_relevant()
    {
        int[] ranked = [1, 2, 3, 4];
        var relevant = Set(1, 2, 3, 4);
        Assert.Equal(1.0, RankingMetrics.PrecisionAtK(ranked, relevant, 2));
        Assert.Equal(0.5, RankingMetrics.RecallAtK(ranked, relevant, 2));     // 2 of 4 within k = 2
        Assert.Equal(1.0, RankingMetrics.NdcgAtK(ranked, relevant, 2));       // IDCG over min(4, 2) = 2
        Assert.Equal(1.0, RankingMetrics.HitRateAtK(ranked, relevant, 2));
        Assert.Equal(1.0, RankingMetrics.AveragePrecisionAtK(ranked, relevant, 2)); // (1 + 1) / 2
        // k larger than the list: precision divides by k = 6 → 4/6
        Assert.Equal(4.0 / 6.0, RankingMetrics.PrecisionAtK(ranked, relevant, 6), Tol);
        Assert.Equal(1.0, RankingMetrics.RecallAtK(ranked, relevant, 6));
        Assert.Equal(1.0, RankingMetrics.NdcgAtK(ranked, relevant, 6));       // IDCG over min(4, 6) = 4
        Assert.Equal(1.0, RankingMetrics.AveragePrecisionAtK(ranked, relevant, 6));
    }

    [Fact]
    public void Bad_arguments_throw()
    {
        int[] ranked = [1, 2];
        var relevant = Set(1);
        Assert.Throws<ArgumentOutOfRangeException>(() => RankingMetrics.PrecisionAtK(ranked, relevant, 0));
        Assert.Throws<ArgumentOutOfRangeException>(() => RankingMetrics.NdcgAtK(ranked, relevant, -1));
        Assert.Throws<ArgumentOutOfRangeException>(() => RankingMetrics.CatalogueCoverage([ranked], 0, 10));
        Assert.Throws<ArgumentOutOfRangeException>(() => RankingMetrics.CatalogueCoverage([ranked], 2, 0));
        Assert.Throws<ArgumentOutOfRangeException>(() => RankingMetrics.Summarize([(ranked, relevant)], 0, 10));
        Assert.Throws<ArgumentNullException>(() => RankingMetrics.RecallAtK(null!, relevant, 1));
        Assert.Throws<ArgumentNullException>(() => RankingMetrics.RecallAtK(ranked, null!, 1));
        // a repeated item within the top k is an error; beyond k it is not read
        Assert.Throws<ArgumentException>(() => RankingMetrics.RecallAtK([1, 2, 1], relevant, 3));
        Assert.Equal(1.0, RankingMetrics.RecallAtK([1, 2, 1], relevant, 2));
    }

    [Fact]
    public void Catalogue_coverage_counts_distinct_items_in_the_top_k()
    {
        // top 2 of each list: {0, 1}, {2, 3}, {} → 4 distinct of 10; items 2 of the first list and 9 are beyond k
        IReadOnlyList<int>[] lists = [[0, 1, 2], [2, 3, 9], []];
        Assert.Equal(0.4, RankingMetrics.CatalogueCoverage(lists, 2, 10), Tol);
        // at k = 3: {0, 1, 2, 3, 9} → 5 of 10
        Assert.Equal(0.5, RankingMetrics.CatalogueCoverage(lists, 3, 10), Tol);
        Assert.Equal(0.0, RankingMetrics.CatalogueCoverage([], 3, 10));
        Assert.Throws<ArgumentOutOfRangeException>(() => RankingMetrics.CatalogueCoverage([[10]], 3, 10));
        Assert.Throws<ArgumentOutOfRangeException>(() => RankingMetrics.CatalogueCoverage([[-1]], 3, 10));
    }

    [Fact]
    public void Summarize_averages_over_users_with_relevant_items_and_counts_the_rest()
    {
        (IReadOnlyList<int>, IReadOnlySet<int>)[] users =
        [
            ([1, 2, 3], Set(1, 3)), // P 2/3, R 1,   NDCG 1.5/(1+1/log2 3), HR 1, AP 5/6
            ([5], Set(5, 6)),       // P 1/3, R 1/2, NDCG 1/(1+1/log2 3),   HR 1, AP 1/2
            ([4, 0], Set()),        // skipped, but its items count towards coverage
        ];
        var s = RankingMetrics.Summarize(users, 3, 10);
        Assert.Equal(3, s.K);
        Assert.Equal(2, s.UsersEvaluated);
        Assert.Equal(1, s.UsersSkipped);
        Assert.Equal(0.5, s.Precision, Tol);                                  // (2/3 + 1/3) / 2
        Assert.Equal(0.75, s.Recall, Tol);                                    // (1 + 1/2) / 2
        Assert.Equal(2.5 / (1 + InvLog2Of3) / 2, s.Ndcg, Tol);                // (1.5 + 1) / IDCG / 2
        Assert.Equal(1.0, s.HitRate, Tol);
        Assert.Equal(2.0 / 3.0, s.MeanAveragePrecision, Tol);                 // (5/6 + 1/2) / 2
        Assert.Equal(0.6, s.Coverage, Tol);                                   // {0,1,2,3,4,5} of 10
    }

    [Fact]
    public void Summarize_with_no_evaluable_user_gives_NaN_means()
    {
        var s = RankingMetrics.Summarize([([1, 2], Set())], 2, 4);
        Assert.Equal(0, s.UsersEvaluated);
        Assert.Equal(1, s.UsersSkipped);
        Assert.True(double.IsNaN(s.Precision) && double.IsNaN(s.Ndcg) && double.IsNaN(s.MeanAveragePrecision));
        Assert.Equal(0.5, s.Coverage, Tol);
        var empty = RankingMetrics.Summarize([], 2, 4);
        Assert.Equal(0, empty.UsersEvaluated + empty.UsersSkipped);
        Assert.Equal(0.0, empty.Coverage);
    }

    [Fact]
    public void Summarize_matches_the_per_user_functions()
    {
        var rng = new HybridRec.Data.SeededRandom(7);
        var users = new List<(IReadOnlyList<int>, IReadOnlySet<int>)>();
        for (int u = 0; u < 50; u++)
        {
            int[] items = Enumerable.Range(0, 30).ToArray();
            rng.Shuffle<int>(items);
            var ranked = items.Take(rng.NextInt(0, 15)).ToArray();
            var relevant = items.Where(_ => rng.NextDouble() < 0.2).ToHashSet();
            users.Add((ranked, relevant));
        }
        var s = RankingMetrics.Summarize(users, 5, 30);
        var evaluated = users.Where(u => u.Item2.Count > 0).ToList();
        Assert.Equal(evaluated.Count, s.UsersEvaluated);
        Assert.Equal(users.Count - evaluated.Count, s.UsersSkipped);
        Assert.Equal(evaluated.Average(u => RankingMetrics.PrecisionAtK(u.Item1, u.Item2, 5)), s.Precision, 1e-12);
        Assert.Equal(evaluated.Average(u => RankingMetrics.RecallAtK(u.Item1, u.Item2, 5)), s.Recall, 1e-12);
        Assert.Equal(evaluated.Average(u => RankingMetrics.NdcgAtK(u.Item1, u.Item2, 5)), s.Ndcg, 1e-12);
        Assert.Equal(evaluated.Average(u => RankingMetrics.HitRateAtK(u.Item1, u.Item2, 5)), s.HitRate, 1e-12);
        Assert.Equal(evaluated.Average(u => RankingMetrics.AveragePrecisionAtK(u.Item1, u.Item2, 5)), s.MeanAveragePrecision, 1e-12);
        Assert.Equal(RankingMetrics.CatalogueCoverage(users.Select(u => u.Item1), 5, 30), s.Coverage, 1e-12);
    }
}
