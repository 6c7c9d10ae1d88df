namespace HybridRec.Kernels;

/// <summary>
/// Every kernel family, hence every device kernel and every launch method. Loading (<see cref="HybridKernels"/>'s
/// constructor), the PTX compile checks, the checker (<see cref="KernelSelfTest"/>), the FsCheck kernel properties and
/// the kernel benchmarks are all derived from it; a test asserts it is complete (every kernel method of the assembly,
/// every launch method, every twin).
/// </summary>
internal static class KernelRegistry
{
    /// <summary>The families, in the order the checker reports them.</summary>
    public static IReadOnlyList<KernelFamily> Families { get; } =
    [
        EmbeddingFamily.Entry,
        DenseFamily.Entry,
        BagFamily.Entry,
        ReductionFamily.Entry,
        PairFamily.Entry,
        LossFamily.Entry,
        RankingFamily.Entry,
        OptimizerFamily.Entry,
    ];

    /// <summary>Every device kernel; a kernel's <see cref="DeviceKernel.Slot"/> is its index here.</summary>
    public static IReadOnlyList<DeviceKernel> DeviceKernels { get; } = AssignSlots(Families.SelectMany(f => f.Kernels).ToArray());

    /// <summary>Every launch method of <see cref="HybridKernels"/>.</summary>
    public static IReadOnlyList<LaunchEntry> Launches { get; } = Families.SelectMany(f => f.Launches).ToArray();

    /// <summary>Every timed launch of the kernel benchmarks.</summary>
    public static IReadOnlyList<KernelBench> Benchmarks { get; } = Launches.SelectMany(l => l.Benchmarks).ToArray();

    /// <summary>The launch method called <paramref name="name"/>.</summary>
    public static LaunchEntry Launch(string name) =>
        Launches.FirstOrDefault(l => l.Name == name) ?? throw new ArgumentException($"No launch method named {name}.", nameof(name));

    /// <summary>The timed launch labelled <paramref name="label"/>.</summary>
    public static KernelBench Benchmark(string label) =>
        Benchmarks.FirstOrDefault(b => b.Label == label) ?? throw new ArgumentException($"No kernel benchmark labelled {label}.", nameof(label));

    private static DeviceKernel[] AssignSlots(DeviceKernel[] kernels)
    {
        for (int i = 0; i < kernels.Length; i++) kernels[i].Slot = i;
        return kernels;
    }
}
