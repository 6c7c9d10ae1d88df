using System.Reflection;

namespace HybridRec.Kernels;

/// <summary>One device kernel method (an ILGPU entry point, explicitly grouped).</summary>
/// <param name="Name">Kernel name, <c>Family.Method</c>.</param>
/// <param name="Method">The static kernel method.</param>
/// <param name="UsesDouble">True when the kernel computes in double on purpose (the MSE loss accumulation).</param>
/// <param name="LaunchedBy">The <see cref="HybridKernels"/> launch methods that use it.</param>
internal sealed record KernelEntry(string Name, MethodInfo Method, bool UsesDouble, string LaunchedBy);

/// <summary>Every device kernel method, for the PTX compile checks and documentation.</summary>
internal static class KernelCatalog
{
    public static IReadOnlyList<KernelEntry> All { get; } =
    [
        Entry(typeof(EmbeddingKernels), nameof(EmbeddingKernels.GatherRows), false, "GatherRows"),
        Entry(typeof(EmbeddingKernels), nameof(EmbeddingKernels.SegmentSum), false, "SegmentSumRows, SegmentSumCompact"),
        Entry(typeof(EmbeddingKernels), nameof(EmbeddingKernels.ScatterAddRowsAtomic), false, "ScatterAddRowsAtomic"),
        Entry(typeof(DenseKernels), nameof(DenseKernels.TiledProduct), false, "DenseForward, DenseBackwardInput, DenseBackwardWeights"),
        Entry(typeof(ElementwiseKernels), nameof(ElementwiseKernels.ReluBackward), false, "ReluBackward"),
        Entry(typeof(ElementwiseKernels), nameof(ElementwiseKernels.OutputBackward), false, "OutputBackward"),
        Entry(typeof(ElementwiseKernels), nameof(ElementwiseKernels.AddScaled), false, "AddScaled"),
        Entry(typeof(BagKernels), nameof(BagKernels.BagForward), false, "BagForward"),
        Entry(typeof(BagKernels), nameof(BagKernels.BagBackwardShared), false, "BagBackward (F·hDim ≤ 8192)"),
        Entry(typeof(BagKernels), nameof(BagKernels.BagBackwardGlobal), false, "BagBackward (F·hDim > 8192)"),
        Entry(typeof(ReductionKernels), nameof(ReductionKernels.ReducePartials), false, "DenseBackwardWeights, BagBackward, ColumnSums"),
        Entry(typeof(ReductionKernels), nameof(ReductionKernels.ColumnPartials), false, "ColumnSums, DenseBackwardWeights (db)"),
        Entry(typeof(ReductionKernels), nameof(ReductionKernels.MsePartials), true, "MseLossGrad"),
        Entry(typeof(ReductionKernels), nameof(ReductionKernels.MseFinal), true, "MseLossGrad"),
        Entry(typeof(PairKernels), nameof(PairKernels.DotForward), false, "DotForward"),
        Entry(typeof(PairKernels), nameof(PairKernels.DotBackward), false, "DotBackward"),
        Entry(typeof(PairKernels), nameof(PairKernels.OutputForward), false, "OutputForward"),
        Entry(typeof(OptimizerKernels), nameof(OptimizerKernels.AdamDense), false, "AdamDense"),
        Entry(typeof(OptimizerKernels), nameof(OptimizerKernels.AdamRows), false, "AdamRows"),
    ];

    private static KernelEntry Entry(Type type, string method, bool usesDouble, string launchedBy) =>
        new($"{type.Name}.{method}",
            type.GetMethod(method, BindingFlags.Public | BindingFlags.Static)
                ?? throw new InvalidOperationException($"Kernel {type.Name}.{method} not found."),
            usesDouble,
            launchedBy);
}
