using System.CommandLine;
using HybridRec.Bench.Cli;
using HybridRec.Model;
using HybridRec.Model.Backends;
using HybridRec.Model.Training;

namespace HybridRec.Bench.Configuration;

/// <summary>
/// The run settings shared by the training commands (where to train, on how many threads, from which seed), each
/// defined once, and how they go onto a configuration's <see cref="TrainingOptions"/>.
/// </summary>
internal sealed class RunOptions
{
    /// <summary>How often the main job reports batches by default: every 50 batches, at most every 2 s (a console setting; the library's default is for callers without a console).</summary>
    public const int DefaultProgressInterval = 50;

    /// <summary><c>--backend</c>: where the network trains.</summary>
    public Option<BackendKind?> Backend { get; } = CliOption.Choice("--backend",
        "where to train: cpu (the managed backend; default), cuda, ilgpu-cpu (ILGPU's CPU simulator, small data only), opencl, auto (cuda when present)",
        [.. BackendKinds.Names.Select(n => (n, BackendKinds.Parse(n)))]);

    /// <summary><c>--threads</c>.</summary>
    public Option<int?> Threads { get; } = CliOption.Int("--threads", "CPU threads of the cpu backend (0 or left out: all processors)", 0, 1024);

    /// <summary><c>--seed</c> of the main job and of <c>tune</c>.</summary>
    public Option<long?> Seed { get; } = CliOption.Long("--seed", $"seed of the split, the initialisation and the shuffles (default {TrainingOptions.DefaultSeed})", helpName: "S");

    /// <summary><c>--split-seed</c>.</summary>
    public Option<long?> SplitSeed { get; } = CliOption.Long("--split-seed", "seed of the random split only (default: --seed)", helpName: "S");

    /// <summary><c>--progress</c>.</summary>
    public Option<int?> Progress { get; } = CliOption.Int("--progress", $"report every N batches, at most every 2 s (default {DefaultProgressInterval}; 0: epochs only)", 0);

    /// <summary><c>--memory-limit</c>.</summary>
    public Option<long?> MemoryLimit { get; } = CliOption.Bytes("--memory-limit",
        "refuse to train when the estimated memory of the parameters, batch buffers and epoch plans exceeds this (default: the memory available to the process)");

    /// <summary>The backend given, or cpu.</summary>
    public BackendKind BackendOf(ParseResult r) => r.GetValue(Backend) ?? BackendKind.Cpu;

    /// <summary>The configuration with the run settings of the command line: seed, backend, threads and progress interval.</summary>
    public HybridConfiguration WithRun(ParseResult r, HybridConfiguration c, long seed, int progressInterval = 0) =>
        c with { Training = c.Training with { Seed = seed, Backend = BackendOf(r), Threads = r.GetValue(Threads) ?? 0, ProgressInterval = progressInterval } };
}
