using System.CommandLine;
using System.CommandLine.Invocation;
using HybridRec.Bench.Cli;

namespace HybridRec.Bench;

/// <summary>
/// Parses and runs a command line (<see cref="BenchCommandLine"/>) with the error policy of <see cref="ExitCodes"/>:
/// every error is one line on stderr and a non-zero exit code — 2 for the command line, 1 for data and the
/// environment, 3 for a bug — with the stack trace only under <c>--verbose</c>.
/// </summary>
internal static class BenchApp
{
    public static int Run(string[] args, TextWriter output, TextWriter error)
    {
        try
        {
            var (root, _) = BenchCommandLine.Create();
            var invocation = new InvocationConfiguration { Output = output, Error = error, EnableDefaultExceptionHandler = false };
            if (args.Length == 0)
            {
                root.Parse(["--help"]).Invoke(invocation);
                return ExitCodes.Usage;
            }
            // 'help' and 'help COMMAND' as in the hand-written parser before.
            if (args[0] == "help") args = [.. args[1..], "--help"];

            var parsed = root.Parse(args);
            if (parsed.Action is ParseErrorAction)
            {
                error.WriteLine($"error: {ParseErrors.Describe(parsed, root)}");
                return ExitCodes.Usage;
            }
            return parsed.Invoke(invocation);
        }
        catch (Exception e)
        {
            var (code, message) = ErrorPolicy.Classify(e);
            error.WriteLine($"error: {ErrorPolicy.OneLine(message)}");
            // The global flag, read from the arguments: the error may have come from parsing itself.
            if (args.Contains("--verbose", StringComparer.Ordinal)) error.WriteLine(e);
            return code;
        }
    }
}
