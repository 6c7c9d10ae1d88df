namespace HybridRec.Bench.Throughput;

/// <summary>One benchmark case of a training step: backend, batch size and Adam variant (shown as three columns).</summary>
public sealed record StepCase(string Backend, int BatchSize, string Adam)
{
    /// <inheritdoc />
    public override string ToString() => $"{Backend}/{BatchSize}/{Adam}";
}
