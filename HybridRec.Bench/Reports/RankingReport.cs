using System.Diagnostics;
using HybridRec.Bench.Configuration;
using HybridRec.Data;
using HybridRec.Model;
using HybridRec.Model.Evaluation;

namespace HybridRec.Bench.Reports;

/// <summary>Ranking metrics at 10 of the model and of the popularity baseline, with one protocol, for the main job's console and report.</summary>
internal static class RankingReport
{
    public static void Add(HybridModel model, RatingSplit split, RankingOptions options, RunReport report, TextWriter output, string noun)
    {
        var clock = Stopwatch.StartNew();
        var r = RankingEvaluator.Evaluate(model, split.Test, options);
        double seconds = clock.Elapsed.TotalSeconds;
        // The baseline ranks with the same exclusions (the model's history is the training split) and the same users.
        var p = RankingEvaluator.Evaluate(PopularityRanker.FromRatings(split.Train, model.Items.Count), model.History, split.Test, options);
        output.WriteLine($"ranking @{r.K} (relevant: test rating ≥ {options.RelevantAtLeast:0.0}, seen-in-training excluded): {RankingFlags.Describe(r)}; " +
                         $"{r.UsersEvaluated:N0} users ({r.UsersSkipped:N0} without a relevant test {noun}) in {seconds:0.0} s");
        output.WriteLine($"popularity @{p.K} (most training ratings first, same users and protocol): {RankingFlags.Describe(p)}; model NDCG / popularity NDCG {r.Ndcg / p.Ndcg:0.00}");
        report.RelevantAtLeast = options.RelevantAtLeast;
        report.NdcgAt10 = r.Ndcg;
        report.PrecisionAt10 = r.Precision;
        report.RecallAt10 = r.Recall;
        report.HitRateAt10 = r.HitRate;
        report.MapAt10 = r.MeanAveragePrecision;
        report.CoverageAt10 = r.Coverage;
        report.RankingUsers = r.UsersEvaluated;
        report.NdcgAt10Popularity = p.Ndcg;
        report.PrecisionAt10Popularity = p.Precision;
        report.RecallAt10Popularity = p.Recall;
        report.HitRateAt10Popularity = p.HitRate;
        report.MapAt10Popularity = p.MeanAveragePrecision;
        report.CoverageAt10Popularity = p.Coverage;
    }
}
