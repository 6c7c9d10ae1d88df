using FsCheck;
using FsCheck.Xunit;
using HybridRec.Model.Evaluation;

namespace HybridRec.Model.Tests.Evaluation;

/// <summary>Properties over random ranked lists and relevant sets drawn from a 30-item catalogue.</summary>
public class RankingMetricsProperties
{
    private const int Catalogue = 30;

    private static int Item(int x) => ((x % Catalogue) + Catalogue) % Catalogue;

    private static int[] Ranked(int[] raw) => raw.Select(Item).Distinct().ToArray();

    private static HashSet<int> Relevant(int[] raw) => raw.Select(Item).ToHashSet();

    private static int K(PositiveInt k) => (k.Get - 1) % 40 + 1;

    [Property]
    public bool All_metrics_lie_in_the_unit_interval(int[] rankedRaw, NonEmptyArray<int> relevantRaw, PositiveInt kRaw)
    {
        int[] ranked = Ranked(rankedRaw);
        var relevant = Relevant(relevantRaw.Get);
        int k = K(kRaw);
        double[] values =
        [
            RankingMetrics.PrecisionAtK(ranked, relevant, k),
            RankingMetrics.RecallAtK(ranked, relevant, k),
            RankingMetrics.NdcgAtK(ranked, relevant, k),
            RankingMetrics.HitRateAtK(ranked, relevant, k),
            RankingMetrics.AveragePrecisionAtK(ranked, relevant, k),
            RankingMetrics.CatalogueCoverage([ranked], k, Catalogue),
        ];
        return values.All(v => v >= 0 && v <= 1);
    }

    [Property]
    public bool Ndcg_is_one_iff_the_top_min_relevant_k_are_all_relevant(int[] rankedRaw, NonEmptyArray<int> relevantRaw, PositiveInt kRaw)
    {
        int[] ranked = Ranked(rankedRaw);
        var relevant = Relevant(relevantRaw.Get);
        int k = K(kRaw);
        int ideal = Math.Min(relevant.Count, k);
        bool perfectTop = ranked.Length >= ideal && ranked.Take(ideal).All(relevant.Contains);
        return (RankingMetrics.NdcgAtK(ranked, relevant, k) == 1.0) == perfectTop;
    }

    [Property]
    public bool Ndcg_is_one_for_a_list_that_puts_the_relevant_items_first(NonEmptyArray<int> relevantRaw, int[] otherRaw, PositiveInt kRaw)
    {
        var relevant = Relevant(relevantRaw.Get);
        int[] ranked = [.. relevant.OrderByDescending(i => i), .. Ranked(otherRaw).Where(i => !relevant.Contains(i))];
        return RankingMetrics.NdcgAtK(ranked, relevant, K(kRaw)) == 1.0;
    }

    [Property]
    public bool Recall_is_nondecreasing_in_k(int[] rankedRaw, NonEmptyArray<int> relevantRaw)
    {
        int[] ranked = Ranked(rankedRaw);
        var relevant = Relevant(relevantRaw.Get);
        double previous = 0;
        for (int k = 1; k <= ranked.Length + 2; k++)
        {
            double recall = RankingMetrics.RecallAtK(ranked, relevant, k);
            if (recall < previous) return false;
            previous = recall;
        }
        return true;
    }

    [Property]
    public bool A_perfect_list_has_precision_min_relevant_k_over_k_and_unit_AP(NonEmptyArray<int> relevantRaw, int[] otherRaw, PositiveInt kRaw)
    {
        var relevant = Relevant(relevantRaw.Get);
        int[] ranked = [.. relevant, .. Ranked(otherRaw).Where(i => !relevant.Contains(i))];
        int k = K(kRaw);
        double precision = RankingMetrics.PrecisionAtK(ranked, relevant, k);
        return precision == Math.Min(relevant.Count, k) / (double)k
            && (k > relevant.Count || precision == 1.0)
            && Math.Abs(RankingMetrics.AveragePrecisionAtK(ranked, relevant, k) - 1.0) < 1e-12
            && RankingMetrics.HitRateAtK(ranked, relevant, k) == 1.0;
    }

    [Property]
    public bool Hit_rate_is_one_iff_precision_is_positive(int[] rankedRaw, NonEmptyArray<int> relevantRaw, PositiveInt kRaw)
    {
        int[] ranked = Ranked(rankedRaw);
        var relevant = Relevant(relevantRaw.Get);
        int k = K(kRaw);
        return (RankingMetrics.HitRateAtK(ranked, relevant, k) == 1.0) == (RankingMetrics.PrecisionAtK(ranked, relevant, k) > 0);
    }
}
