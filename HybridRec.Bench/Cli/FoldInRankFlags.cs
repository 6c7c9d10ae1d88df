using System.CommandLine;
using HybridRec.Model.ColdStart;

namespace HybridRec.Bench.Cli;

/// <summary>
/// The ranking row's fold-in settings as flags, for the commands that fold users in (coldstart: <c>--fold-in-rank-*</c>,
/// foldin-bench: <c>--rank-*</c>), and their mapping onto <see cref="FoldInOptions"/>; the defaults shown are the library's.
/// </summary>
internal sealed class FoldInRankFlags(string prefix)
{
    /// <summary><c>--{prefix}rank-passes</c>: <see cref="FoldInOptions.MaxRankingPasses"/>.</summary>
    public Option<int?> Passes { get; } = CliOption.Int($"--{prefix}rank-passes",
        $"newton: the most passes over the items for the ranking row (default {FoldInOptions.DefaultMaxRankingPasses})", 0, 100_000);

    /// <summary><c>--{prefix}rank-tolerance</c>: <see cref="FoldInOptions.RankingTolerance"/>.</summary>
    public Option<double?> Tolerance { get; } = CliOption.Real($"--{prefix}rank-tolerance",
        $"newton: the ranking row's stopping tolerance (default {FoldInOptions.DefaultRankingTolerance})", 0, 1e6, "X");

    /// <summary><c>--{prefix}rank-prior</c>: <see cref="FoldInOptions.RankingPrior"/>.</summary>
    public Option<double?> Prior { get; } = CliOption.Real($"--{prefix}rank-prior",
        $"the ranking row's prior Λ in the fold-in, both solvers: L2 weight λe + Λ/k (default {FoldInOptions.DefaultRankingPrior})", 0, 1e9, "X");

    /// <summary>The three options, to add to a command.</summary>
    public Option[] All => [Passes, Tolerance, Prior];

    /// <summary><paramref name="options"/> with the values given on the command line.</summary>
    public FoldInOptions Apply(ParseResult r, FoldInOptions options) => options with
    {
        MaxRankingPasses = r.GetValue(Passes) ?? options.MaxRankingPasses,
        RankingTolerance = r.GetValue(Tolerance) ?? options.RankingTolerance,
        RankingPrior = (float?)r.GetValue(Prior) ?? options.RankingPrior,
    };
}
