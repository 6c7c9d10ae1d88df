using HybridRec.Data;
using HybridRec.Model;
using HybridRec.Model.Evaluation;

namespace HybridRec.Bench.Reports;

/// <summary>Ranking metrics at 10 for the main job's console and report.</summary>
internal static class RankingReport
{
    public static void Add(HybridModel model, RatingTable test, RunReport report, TextWriter output)
    {
        var clock = System.Diagnostics.Stopwatch.StartNew();
        var r = RankingEvaluator.Evaluate(model, test, 10);
        output.WriteLine($"ranking @10 (relevant: test rating ≥ {RankingEvaluator.DefaultRelevantAtLeast:0.0}, seen-in-training excluded): " +
                         $"NDCG {r.Ndcg:0.0000}, precision {r.Precision:0.0000}, recall {r.Recall:0.0000}, hit rate {r.HitRate:0.0000}, MAP {r.MeanAveragePrecision:0.0000}, " +
                         $"coverage {r.Coverage:0.0000}; {r.UsersEvaluated:N0} users ({r.UsersSkipped:N0} without a relevant test movie) in {clock.Elapsed.TotalSeconds:0.0} s");
        report.NdcgAt10 = r.Ndcg;
        report.PrecisionAt10 = r.Precision;
        report.RecallAt10 = r.Recall;
        report.HitRateAt10 = r.HitRate;
        report.MapAt10 = r.MeanAveragePrecision;
        report.CoverageAt10 = r.Coverage;
        report.RankingUsers = r.UsersEvaluated;
    }
}
