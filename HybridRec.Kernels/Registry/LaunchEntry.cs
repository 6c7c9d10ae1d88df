namespace HybridRec.Kernels;

/// <summary>
/// One launch method of <see cref="HybridKernels"/> (and its <see cref="CpuTwins"/> method of the same name) as its
/// family registers it: how the checker draws a random case, the tolerance rule the case applies, and the timed
/// launches of the kernel benchmarks. The checker (<c>check-kernels</c>), the FsCheck kernel properties and the
/// benchmarks (<c>throughput --kernels</c>, the GPU timing table) all iterate these entries.
/// </summary>
/// <param name="Name">The launch method's name (<c>nameof(HybridKernels.X)</c>).</param>
/// <param name="ToleranceRule">The tolerance rule of its cases, in words.</param>
/// <param name="Draw">Draws a case of a size class from a random source and a value seed.</param>
/// <param name="Benchmarks">Its timed launches on a model-shaped <see cref="KernelWorkload"/> (at least one).</param>
internal sealed record LaunchEntry(
    string Name,
    string ToleranceRule,
    Func<Random, CaseSize, int, KernelCase> Draw,
    IReadOnlyList<KernelBench> Benchmarks);

/// <summary>One timed launch of a launch method on a <see cref="KernelWorkload"/>.</summary>
/// <param name="Label">Row label, e.g. <c>BagForward tags</c> (unique over the registry).</param>
/// <param name="Bind">Binds the launch to a workload's buffers.</param>
internal sealed record KernelBench(string Label, Func<KernelWorkload, BenchLaunch> Bind);

/// <summary>A launch bound to a workload.</summary>
/// <param name="Shape">The launch's shape in words, e.g. <c>B×100 → 25, ReLU</c>.</param>
/// <param name="Bytes">Bytes the launch must move at least (for GB/s).</param>
/// <param name="Run">Enqueues the launch (does not synchronise).</param>
internal sealed record BenchLaunch(string Shape, double Bytes, Action Run);
