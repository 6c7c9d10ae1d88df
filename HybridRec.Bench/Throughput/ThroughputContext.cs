using HybridRec.Data;
using HybridRec.Model;
using HybridRec.Model.Training;

namespace HybridRec.Bench.Throughput;

/// <summary>
/// What the throughput benchmarks run on, set by <c>throughput</c> before BenchmarkDotNet starts (the in-process
/// toolchain runs the benchmarks in this process, so static state reaches them).
/// </summary>
internal static class ThroughputContext
{
    public static RatingDataset? Data { get; set; }
    public static TrainingSamples? Samples { get; set; }
    public static HybridConfiguration Config { get; set; } = HybridPresets.Original;
    public static IReadOnlyList<StepCase> Cases { get; set; } = [];
    public static IReadOnlyList<int> KernelBatchSizes { get; set; } = [];
    public static IReadOnlyList<string> KernelBackends { get; set; } = [];
    public static int Threads { get; set; }
    public static TextWriter Log { get; set; } = Console.Out;

    public static RatingDataset RequireData() => Data ?? throw new InvalidOperationException("throughput benchmarks need ThroughputContext.Data.");

    public static TrainingSamples RequireSamples() => Samples ?? throw new InvalidOperationException("throughput benchmarks need ThroughputContext.Samples.");
}
