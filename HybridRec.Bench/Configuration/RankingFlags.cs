using System.CommandLine;
using System.Globalization;
using HybridRec.Bench.Cli;
using HybridRec.Data;
using HybridRec.Model.Evaluation;

namespace HybridRec.Bench.Configuration;

/// <summary>The options of the ranking protocol and of <c>--export-split</c>, shared by the commands that train.</summary>
internal sealed class RankingFlags
{
    /// <summary><c>--relevant-at-least X</c>.</summary>
    public Option<double?> RelevantAtLeast { get; } = CliOption.Real("--relevant-at-least",
        $"a held-out rating counts as relevant for the ranking metrics when ≥ X (default {RankingOptions.DefaultRelevantAtLeast.ToString(CultureInfo.InvariantCulture)}, for 0.5–5 stars)", -1e9, 1e9);

    /// <summary><c>--export-split DIR</c>.</summary>
    public Option<string?> ExportSplit { get; } = CliOption.Text("--export-split",
        "write the exact split used as DIR/train.csv and DIR/test.csv (userId,movieId,rating: raw ids, the data's rating values; no timestamps), " +
        "atomically; compare writes DIR/seed-S/, validate DIR/split-S/ with the protocol's fitting and held-out parts (never a test part)", "DIR");

    /// <summary>The ranking protocol's options from the command line.</summary>
    public RankingOptions Resolve(ParseResult r) =>
        RankingOptions.Default with { RelevantAtLeast = (float?)r.GetValue(RelevantAtLeast) ?? RankingOptions.DefaultRelevantAtLeast };

    /// <summary>Writes <paramref name="split"/> into <paramref name="directory"/> (<see cref="RatingSplitWriter"/>) and says so.</summary>
    public static void Export(RatingDataset data, RatingSplit split, string directory, TextWriter output)
    {
        var (train, test) = RatingSplitWriter.Write(data, split, directory);
        output.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"split exported: {train} ({split.Train.Count:N0} ratings), {test} ({split.Test.Count:N0} ratings)"));
    }

    /// <summary>
    /// One line of ranking metrics: <c>NDCG …, precision …, recall …, hit rate …, MAP …, coverage …</c>.
    /// </summary>
    public static string Describe(RankingSummary r) => string.Create(CultureInfo.InvariantCulture,
        $"NDCG {r.Ndcg:0.0000}, precision {r.Precision:0.0000}, recall {r.Recall:0.0000}, hit rate {r.HitRate:0.0000}, MAP {r.MeanAveragePrecision:0.0000}, coverage {r.Coverage:0.0000}");
}
