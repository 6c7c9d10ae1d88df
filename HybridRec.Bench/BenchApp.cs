using HybridRec.Bench.Cli;
using HybridRec.Bench.Commands;
using HybridRec.Data;

namespace HybridRec.Bench;

/// <summary>Command dispatch and the error policy: bad arguments or bad data give one line on stderr and a non-zero exit code, never a stack trace.</summary>
internal static class BenchApp
{
    public const int ExitUsage = 2;
    public const int ExitFailure = 1;

    private static readonly Dictionary<string, (Func<IReadOnlyList<string>, TextWriter, int> Run, string Usage)> Commands = new()
    {
        ["movielens"] = (MovieLensCommand.Run, MovieLensCommand.Usage),
        ["tune"] = (TuneCommand.Run, TuneCommand.Usage),
        ["compare"] = (CompareCommand.Run, CompareCommand.Usage),
        ["validate"] = (ValidateCommand.Run, ValidateCommand.Usage),
        ["synth"] = (SynthCommand.Run, SynthCommand.Usage),
        ["throughput"] = (HybridRec.Bench.Throughput.ThroughputCommand.Run, HybridRec.Bench.Throughput.ThroughputCommand.Usage),
        ["profile-step"] = (HybridRec.Bench.Throughput.ProfileStepCommand.Run, HybridRec.Bench.Throughput.ProfileStepCommand.Usage),
        ["check-kernels"] = (DeviceCommands.Check, DeviceCommands.CheckUsage),
        ["device-info"] = (DeviceCommands.Info, DeviceCommands.InfoUsage),
        ["serve-bench"] = (HybridRec.Bench.ServeBench.ServeBenchCommand.Run, HybridRec.Bench.ServeBench.ServeBenchCommand.Usage),
    };

    public static int Run(string[] args, TextWriter output, TextWriter error)
    {
        if (args.Length == 0 || args[0] is "help" or "--help" or "-h")
        {
            PrintHelp(output);
            return args.Length == 0 ? ExitUsage : 0;
        }
        if (!Commands.TryGetValue(args[0], out var command))
        {
            error.WriteLine($"error: unknown command '{args[0]}' (commands: {string.Join(", ", Commands.Keys)}; see 'help').");
            return ExitUsage;
        }
        if (args.Skip(1).Any(a => a is "--help" or "-h"))
        {
            output.WriteLine(command.Usage);
            return 0;
        }
        try
        {
            return command.Run(args[1..], output);
        }
        catch (UsageException e)
        {
            error.WriteLine($"error: {e.Message}");
            return ExitUsage;
        }
        catch (Exception e) when (IsExpected(e))
        {
            error.WriteLine($"error: {e.Message}");
            if (Environment.GetEnvironmentVariable("HYBRIDREC_DEBUG") == "1") error.WriteLine(e);
            return ExitFailure;
        }
    }

    /// <summary>Failures that are the input's or the environment's fault, reported without a stack trace.</summary>
    private static bool IsExpected(Exception e) => e is DatasetFormatException or IOException or InvalidDataException or ArgumentException
        or KeyNotFoundException or NotSupportedException or UnauthorizedAccessException or OperationCanceledException or InvalidOperationException
        || e.GetType().Name == "DeviceUnavailableException";

    private static void PrintHelp(TextWriter output)
    {
        output.WriteLine("HybridRec.Bench — hybrid collaborative + content-based recommender (MovieLens or your own CSV files)");
        output.WriteLine("usage: dotnet run -c Release --project HybridRec.Bench -- <command> [options]");
        output.WriteLine();
        foreach (var (_, c) in Commands) output.WriteLine(c.Usage);
    }
}
