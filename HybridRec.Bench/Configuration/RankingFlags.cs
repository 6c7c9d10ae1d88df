using System.Globalization;
using HybridRec.Bench.Cli;
using HybridRec.Data;
using HybridRec.Model.Evaluation;

namespace HybridRec.Bench.Configuration;

/// <summary>The flags of the ranking protocol and of <c>--export-split</c>, shared by the commands that train.</summary>
internal static class RankingFlags
{
    /// <summary>The value options <see cref="Resolve"/> reads.</summary>
    public static readonly string[] Options = ["relevant-at-least"];

    /// <summary>Help line of <c>--relevant-at-least</c>.</summary>
    public const string Usage =
        "  --relevant-at-least X  a held-out rating counts as relevant for the ranking metrics when ≥ X (default 4, for 0.5–5 stars)";

    /// <summary>Help line of <c>--export-split</c>, for the commands that write train.csv and test.csv.</summary>
    public const string ExportUsage =
        "  --export-split DIR     write the exact split used as DIR/train.csv and DIR/test.csv (userId,movieId,rating: raw ids,\n" +
        "                         the data's rating values; no timestamps, the loaders keep none), atomically";

    /// <summary>The ranking protocol's options from the command line.</summary>
    public static RankingOptions Resolve(CliArguments cl) =>
        RankingOptions.Default with { RelevantAtLeast = (float?)cl.Double("relevant-at-least", -1e9, 1e9) ?? RankingOptions.DefaultRelevantAtLeast };

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
