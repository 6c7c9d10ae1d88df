namespace HybridRec.Bench.Cli;

/// <summary>A command that ran as asked but could not produce its result (e.g. every trial of a search failed): one line, exit code 1.</summary>
internal sealed class CommandFailedException(string message) : Exception(message);
