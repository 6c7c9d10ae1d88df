using ILGPU;
using static HybridRec.Kernels.KernelWorkload;

namespace HybridRec.Kernels;

/// <summary>
/// Registry entry of the Dense family: the tiled matrix product behind a Dense layer's forward, input gradient and
/// (split over row chunks, then <c>ReductionKernels.ReducePartials</c>) weight gradient.
/// </summary>
internal static class DenseFamily
{
    public static readonly DeviceKernel<ArrayView<float>, ArrayView<float>, ArrayView<float>, ArrayView<float>, TileArgs> TiledProduct =
        new(DenseKernels.TiledProduct);

    public static KernelFamily Entry { get; } = new("Dense", [TiledProduct],
    [
        new(nameof(HybridKernels.DenseForward), Tolerances.SumRule + " (m = inDim + 1)", DenseForwardCase.Draw,
        [
            new("DenseForward", w => new($"B×{2 * E} → {H}, ReLU", w.B * (2.0 * E + H) * 4,
                () => w.Kernels.DenseForward(w.X, 2 * E, w.B, 2 * E, w.Wn, w.Bn, H, w.C, K, 1, true))),
        ]),
        new(nameof(HybridKernels.DenseBackwardInput), Tolerances.SumRule + " (m = outDim)", DenseBackwardInputCase.Draw,
        [
            new("DenseBackwardInput", w => new($"B×{H} → {2 * E}", w.B * (H + 2.0 * E) * 4,
                () => w.Kernels.DenseBackwardInput(w.Dc, K, 1, w.B, H, w.Wn, 2 * E, 0, 2 * E, w.Dx, 2 * E, 0))),
        ]),
        new(nameof(HybridKernels.DenseBackwardWeights), Tolerances.SumRule + " (m = n; split over row chunks)", DenseBackwardWeightsCase.Draw,
        [
            new("DenseBackwardWeights", w => new($"B, {H}×{2 * E} + db ({w.Kernels.Tuning.RowChunks(w.B, DenseKernels.TileR).Chunks} chunks)", w.B * (2.0 * H + 2.0 * E) * 4,
                () => w.Kernels.DenseBackwardWeights(w.Dc, K, 1, w.X, 2 * E, 0, w.B, H, 2 * E, w.Dwn, w.Dbn))),
        ]),
    ]);
}
