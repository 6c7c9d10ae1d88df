using System.CommandLine;
using System.CommandLine.Help;
using System.CommandLine.Invocation;
using HybridRec.Bench.Commands;
using HybridRec.Bench.Throughput;

namespace HybridRec.Bench.Cli;

/// <summary>The command tree of HybridRec.Bench on System.CommandLine: every command, its options and help (with the exit codes).</summary>
internal static class BenchCommandLine
{
    /// <summary>Builds a fresh tree (options are not shared between trees) and the global options it uses.</summary>
    public static (RootCommand Root, SharedOptions Shared) Create()
    {
        var shared = new SharedOptions();
        var root = new RootCommand("HybridRec.Bench — train, evaluate and benchmark the hybrid collaborative + content-based recommender " +
                                   "(MovieLens or your own CSV files). 'COMMAND --help' lists a command's options.")
        {
            new MovieLensCommand(shared).Create(),
            new CompareCommand(shared).Create(),
            new ValidateCommand(shared).Create(),
            new TuneCommand(shared).Create(),
            SynthCommand.Create(),
            new ThroughputCommand(shared).Create(),
            new ProfileStepCommand(shared).Create(),
            DeviceCommands.CreateCheck(),
            DeviceCommands.CreateInfo(),
            ServeBench.ServeBenchCommand.Create(),
            new ColdStartCommand(shared).Create(),
            FoldInBenchCommand.Create(),
        };
        root.Options.Add(shared.Verbose);
        var help = root.Options.OfType<HelpOption>().Single();
        if (help.Action is HelpAction action)
        {
            action.MaxWidth = 120;
            help.Action = new HelpWithExitCodes(action);
        }
        return (root, shared);
    }

    /// <summary>The names of the commands, for messages.</summary>
    public static IEnumerable<string> CommandNames(RootCommand root) => root.Subcommands.Select(c => c.Name);

    /// <summary>The standard help followed by the exit codes.</summary>
    private sealed class HelpWithExitCodes(HelpAction inner) : SynchronousCommandLineAction
    {
        public override bool ClearsParseErrors => true;

        public override int Invoke(ParseResult parseResult)
        {
            int code = inner.Invoke(parseResult);
            var output = parseResult.InvocationConfiguration.Output;
            foreach (var line in ExitCodes.HelpLines) output.WriteLine(line);
            output.WriteLine();
            return code;
        }
    }
}
