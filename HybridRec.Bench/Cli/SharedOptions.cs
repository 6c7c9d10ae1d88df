using System.CommandLine;
using HybridRec.Bench.Commands;
using HybridRec.Bench.Configuration;

namespace HybridRec.Bench.Cli;

/// <summary>
/// The options several commands share, created once per command tree and added to each command that takes them
/// (one definition, one help text, one check): data, hyperparameters, run settings, ranking, and the global
/// <c>--verbose</c>.
/// </summary>
internal sealed class SharedOptions
{
    /// <summary>Data and split.</summary>
    public DataOptions Data { get; } = new();

    /// <summary>Preset, configuration file and hyperparameters.</summary>
    public ConfigurationOptions Configuration { get; } = new();

    /// <summary>Backend, threads, seeds, progress, memory limit.</summary>
    public RunOptions Run { get; } = new();

    /// <summary>Ranking protocol and split export.</summary>
    public RankingFlags Ranking { get; } = new();

    /// <summary><c>--verbose</c>: every command; prints the stack trace of an error.</summary>
    public Option<bool> Verbose { get; } = new("--verbose")
    {
        Description = "print the stack trace of an error after its one-line message",
        Arity = ArgumentArity.Zero,
        Recursive = true,
    };
}
