namespace HybridRec.Bench.Cli;

/// <summary>
/// The exit codes of every command (the README's and <c>--help</c>'s contract): 0 success, 1 bad data or a failure
/// of the environment, 2 a bad command line, 3 a bug. Every non-zero code comes with one line on stderr, and a stack
/// trace only under <c>--verbose</c>.
/// </summary>
internal static class ExitCodes
{
    /// <summary>The command did what it was asked.</summary>
    public const int Success = 0;

    /// <summary>
    /// Bad data or a failing environment: a malformed dataset, configuration or model file, an unreadable or unwritable
    /// file, a missing device, training that diverged, too little memory.
    /// </summary>
    public const int Failure = 1;

    /// <summary>
    /// A bad command line: an unknown command or option, a value of the wrong type or out of range, options that
    /// contradict each other, or settings that do not fit the data (an empty test part, a batch larger than the training
    /// part, a model larger than the memory limit, an output path that cannot be written).
    /// </summary>
    public const int Usage = 2;

    /// <summary>An exception the command did not expect: a bug in HybridRec, reported with its type and message.</summary>
    public const int Bug = 3;

    /// <summary>The exit-code section of every command's help.</summary>
    public static readonly string[] HelpLines =
    [
        "Exit codes:",
        "  0  success",
        "  1  bad data or a failing environment (malformed dataset, configuration or model file; unreadable or",
        "     unwritable file; no device; training diverged; out of memory)",
        "  2  bad command line (unknown option, value out of range, contradicting options, settings that do not",
        "     fit the data: empty test part, batch larger than the training part, model over --memory-limit)",
        "  3  a bug in HybridRec (the exception's type and message; --verbose adds the stack trace)",
        "Every error is one line on stderr; --verbose (any command) adds the stack trace.",
    ];
}
