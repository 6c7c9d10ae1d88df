namespace HybridRec.Bench.Cli;

/// <summary>
/// A command line that parses but does not make sense: options that contradict each other, or settings that do not fit
/// the data (an empty test part, a batch larger than the training part, a model over the memory limit, an output
/// path that cannot be written). Printed as one line; exit code 2.
/// </summary>
internal sealed class UsageException(string message) : Exception(message);
