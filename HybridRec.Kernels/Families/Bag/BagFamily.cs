using ILGPU;
using static HybridRec.Kernels.KernelWorkload;

namespace HybridRec.Kernels;

/// <summary>
/// Registry entry of the Bag family: the multi-hot towers as embedding bags, forward per sample and backward per
/// distinct movie (in a shared-memory or a global-memory table, then <c>ReductionKernels.ReducePartials</c>).
/// </summary>
internal static class BagFamily
{
    public static readonly DeviceKernel<ArrayView<float>, ArrayView<float>, ArrayView<int>, ArrayView<int>, ArrayView<int>, ArrayView<float>, BagArgs> BagForward =
        new(BagKernels.BagForward);

    public static readonly DeviceKernel<ArrayView<float>, ArrayView<int>, ArrayView<int>, ArrayView<int>, ArrayView<float>, BagArgs> BagBackwardShared =
        new(BagKernels.BagBackwardShared);

    public static readonly DeviceKernel<ArrayView<float>, ArrayView<int>, ArrayView<int>, ArrayView<int>, ArrayView<float>, BagArgs> BagBackwardGlobal =
        new(BagKernels.BagBackwardGlobal);

    public static KernelFamily Entry { get; } = new("Bag", [BagForward, BagBackwardShared, BagBackwardGlobal],
    [
        new(nameof(HybridKernels.BagForward), Tolerances.SumRule + " (m = features per movie + 1)", BagForwardCase.Draw,
        [
            new("BagForward genres", w => new($"B, {G}×{H}", w.B * H * 4.0,
                () => w.Kernels.BagForward(w.Wg, w.Bn, H, w.GenreOffsets, w.GenreIndices, w.Movies, w.B, w.C, K, 1 + H, true))),
            new("BagForward tags", w => new($"B, {T}×{H}", w.B * H * 4.0,
                () => w.Kernels.BagForward(w.Wt, w.Bt, H, w.TagOffsets, w.TagIndices, w.Movies, w.B, w.C, K, 1 + 2 * H, true))),
        ]),
        new(nameof(HybridKernels.BagBackward), Tolerances.SumRule + " (m = distinct movies; chunked)", BagBackwardCase.Draw,
        [
            new("BagBackward genres", w => new($"{w.MovieSegments.Count} movies, {G}×{H}", w.MovieSegments.Count * H * 4.0,
                () => w.Kernels.BagBackward(w.DhCompact, H, 0, H, w.MovieRows, w.MovieSegments.Count, w.GenreOffsets, w.GenreIndices, G, w.Dwg))),
            new("BagBackward tags", w => new($"{w.MovieSegments.Count} movies, {T}×{H}", w.MovieSegments.Count * H * 4.0,
                () => w.Kernels.BagBackward(w.DhCompact, H, 0, H, w.MovieRows, w.MovieSegments.Count, w.TagOffsets, w.TagIndices, T, w.Dwt))),
        ]),
    ]);
}
