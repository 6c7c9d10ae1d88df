using HybridRec.Data;
using HybridRec.Kernels;
using HybridRec.Model.Training;

namespace HybridRec.Bench.Cli;

/// <summary>
/// Turns an exception that ended a command into an exit code and one line for stderr (<see cref="ExitCodes"/>):
/// usage errors exit 2; bad data and failures of the environment exit 1; anything else is a bug and exits 3 with the
/// exception's type and message. The stack trace is printed only under <c>--verbose</c>.
/// </summary>
internal static class ErrorPolicy
{
    /// <summary>The exit code and the line (without the <c>error: </c> prefix) for <paramref name="e"/>.</summary>
    public static (int Code, string Message) Classify(Exception e)
    {
        e = Unwrap(e);
        return e switch
        {
            UsageException => (ExitCodes.Usage, e.Message),
            CommandFailedException or DatasetFormatException or InvalidDataException or IOException or UnauthorizedAccessException or DeviceUnavailableException
                => (ExitCodes.Failure, e.Message),
            // Training that diverged is an outcome of the data and the settings, not a bug.
            TrainingDivergedException => (ExitCodes.Failure, e.Message),
            OutOfMemoryException => (ExitCodes.Failure, $"out of memory ({e.Message}); lower --embedding-size, --batch-size or --ensemble, or train fewer models at a time (--threads)."),
            OperationCanceledException => (ExitCodes.Failure, "cancelled."),
            _ => (ExitCodes.Bug, $"this is a bug in HybridRec: {e.GetType().Name}: {OneLine(e.Message)} (run with --verbose for the stack trace)"),
        };
    }

    /// <summary>The exception an aggregate or invocation wrapper carries (the first one, when several).</summary>
    private static Exception Unwrap(Exception e)
    {
        while (true)
        {
            switch (e)
            {
                case AggregateException { InnerExceptions.Count: > 0 } a:
                    e = a.Flatten().InnerExceptions[0];
                    continue;
                case System.Reflection.TargetInvocationException { InnerException: { } inner }:
                    e = inner;
                    continue;
                default:
                    return e;
            }
        }
    }

    /// <summary>The exception's message, without the <c> (Parameter 'x')</c> an <see cref="ArgumentException"/> appends.</summary>
    public static string MessageOf(Exception e) =>
        e is ArgumentException { ParamName: { } name } a && a.Message.EndsWith($" (Parameter '{name}')", StringComparison.Ordinal)
            ? a.Message[..^$" (Parameter '{name}')".Length]
            : e.Message;

    /// <summary><paramref name="text"/> with line breaks and tabs replaced by spaces.</summary>
    public static string OneLine(string text) => string.Join(' ', text.Split(['\r', '\n', '\t'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));
}
