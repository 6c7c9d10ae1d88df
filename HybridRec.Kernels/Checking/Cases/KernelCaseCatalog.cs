namespace HybridRec.Kernels;

/// <summary>One checked launch method: how to draw a random case and the tolerance rule it is held to.</summary>
/// <param name="Kernel">Launch method name.</param>
/// <param name="ToleranceRule">The rule in words.</param>
/// <param name="Draw">Draws a case of a size class from a random source and a value seed.</param>
internal sealed record KernelCaseSpec(string Kernel, string ToleranceRule, Func<Random, CaseSize, int, KernelCase> Draw);

/// <summary>Every launch method of <see cref="HybridKernels"/> with its case generator.</summary>
internal static class KernelCaseCatalog
{
    private const string SumRule = "sum of m terms: atol 1e-5 + 1e-7·m, rtol 1e-4";

    public static IReadOnlyList<KernelCaseSpec> All { get; } =
    [
        new(nameof(HybridKernels.GatherRows), "exact", GatherRowsCase.Draw),
        new(nameof(HybridKernels.SegmentSumRows), SumRule + " (m = longest segment + L2 term)",
            (r, s, seed) => SegmentSumCase.Draw(r, s, seed, nameof(HybridKernels.SegmentSumRows))),
        new(nameof(HybridKernels.SegmentSumCompact), SumRule + " (m = longest segment)",
            (r, s, seed) => SegmentSumCase.Draw(r, s, seed, nameof(HybridKernels.SegmentSumCompact))),
        new(nameof(HybridKernels.ScatterAddRowsAtomic), SumRule + " (atomic order; twin adds sequentially)",
            (r, s, seed) => SegmentSumCase.Draw(r, s, seed, nameof(HybridKernels.ScatterAddRowsAtomic))),
        new(nameof(HybridKernels.DenseForward), SumRule + " (m = inDim + 1)", DenseForwardCase.Draw),
        new(nameof(HybridKernels.DenseBackwardInput), SumRule + " (m = outDim)", DenseBackwardInputCase.Draw),
        new(nameof(HybridKernels.DenseBackwardWeights), SumRule + " (m = n; split over row chunks)", DenseBackwardWeightsCase.Draw),
        new(nameof(HybridKernels.ReluBackward), "exact", ReluBackwardCase.Draw),
        new(nameof(HybridKernels.BagForward), SumRule + " (m = features per movie + 1)", BagForwardCase.Draw),
        new(nameof(HybridKernels.BagBackward), SumRule + " (m = distinct movies; chunked)", BagBackwardCase.Draw),
        new(nameof(HybridKernels.ColumnSums), SumRule + " (m = n; chunked)", ColumnSumsCase.Draw),
        new(nameof(HybridKernels.WeightedColumnSums), SumRule + " (m = n; chunked)", WeightedColumnSumsCase.Draw),
        new(nameof(HybridKernels.OutputBackward), "exact", OutputBackwardCase.Draw),
        new(nameof(HybridKernels.DotForward), SumRule + " (m = dim)", DotForwardCase.Draw),
        new(nameof(HybridKernels.DotBackward), "exact", DotBackwardCase.Draw),
        new(nameof(HybridKernels.OutputForward), SumRule + " (m = width + 4)", OutputForwardCase.Draw),
        new(nameof(HybridKernels.MseLossGrad), "dy exact; lossSum (double) rtol 1e-9", MseLossGradCase.Draw),
        new(nameof(HybridKernels.AdamDense), "atol 1e-6, rtol 1e-5; grad cleared exactly", AdamDenseCase.Draw),
        new(nameof(HybridKernels.AdamRows), "atol 1e-6, rtol 1e-5; grad cleared exactly", AdamRowsCase.Draw),
        new(nameof(HybridKernels.AddScaled), "atol 1e-6, rtol 1e-6", AddScaledCase.Draw),
    ];

    public static KernelCaseSpec Get(string kernel) =>
        All.FirstOrDefault(s => s.Kernel == kernel) ?? throw new ArgumentException($"No kernel named {kernel}.", nameof(kernel));
}
