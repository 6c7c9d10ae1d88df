using ILGPU;
using static HybridRec.Kernels.KernelWorkload;

namespace HybridRec.Kernels;

/// <summary>
/// Registry entry of the Reductions family: (weighted) column sums, and the ordered partial-sum reduction that the
/// split reductions of the Dense and Bag families share.
/// </summary>
internal static class ReductionFamily
{
    public static readonly DeviceKernel<ArrayView<float>, ArrayView<float>, ReduceArgs> ReducePartials =
        new(ReductionKernels.ReducePartials);

    public static readonly DeviceKernel<ArrayView<float>, ArrayView<float>, ArrayView<float>, ColumnArgs> ColumnPartials =
        new(ReductionKernels.ColumnPartials);

    public static KernelFamily Entry { get; } = new("Reductions", [ReducePartials, ColumnPartials],
    [
        new(nameof(HybridKernels.ColumnSums), Tolerances.SumRule + " (m = n; chunked)", ColumnSumsCase.Draw,
        [
            new("ColumnSums", w => new($"B×{H}", w.B * H * 4.0,
                () => w.Kernels.ColumnSums(w.Dc, K, 1, H, w.B, w.Dbn))),
        ]),
        new(nameof(HybridKernels.WeightedColumnSums), Tolerances.SumRule + " (m = n; chunked)", WeightedColumnSumsCase.Draw,
        [
            new("WeightedColumnSums", w => new($"B×{K}, weights dy", w.B * (K + 1.0) * 4,
                () => w.Kernels.WeightedColumnSums(w.C, K, 0, K, w.B, w.Dy, w.Dwo))),
        ]),
    ]);
}
