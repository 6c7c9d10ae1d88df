namespace HybridRec.Bench.Cli;

/// <summary>A bad command line: printed as one line, exit code 2.</summary>
internal sealed class UsageException(string message) : Exception(message);
