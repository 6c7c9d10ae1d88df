using ILGPU;
using static HybridRec.Kernels.KernelWorkload;

namespace HybridRec.Kernels;

/// <summary>
/// Registry entry of the Pairs family: per-sample kernels over the batch's (user, movie) pairs — the collaborative
/// dot product and the output layer, forward and backward.
/// </summary>
internal static class PairFamily
{
    public static readonly DeviceKernel<ArrayView<float>, ArrayView<float>, ArrayView<int>, ArrayView<int>, ArrayView<float>, PairArgs> DotForward =
        new(PairKernels.DotForward);

    public static readonly DeviceKernel<ArrayView<float>, ArrayView<float>, ArrayView<float>, ArrayView<int>, ArrayView<int>, ArrayView<float>, ArrayView<float>, DotBackwardArgs> DotBackward =
        new(PairKernels.DotBackward);

    public static readonly DeviceKernel<ArrayView<float>, ArrayView<float>, ArrayView<float>, ArrayView<float>, ArrayView<float>, ArrayView<int>, ArrayView<int>, ArrayView<float>, PairArgs> OutputForward =
        new(PairKernels.OutputForward);

    public static readonly DeviceKernel<ArrayView<float>, ArrayView<float>, ArrayView<float>, ArrayView<float>, int, int, int, int, int> OutputBackward =
        new(PairKernels.OutputBackward);

    public static KernelFamily Entry { get; } = new("Pairs", [DotForward, DotBackward, OutputForward, OutputBackward],
    [
        new(nameof(HybridKernels.DotForward), Tolerances.SumRule + " (m = dim)", DotForwardCase.Draw,
        [
            new("DotForward", w => new($"B, E={E}", 2.0 * w.B * E * 4,
                () => w.Kernels.DotForward(w.P, w.Q, E, w.Users, w.Movies, w.B, w.C, K, 0))),
        ]),
        new(nameof(HybridKernels.DotBackward), "exact", DotBackwardCase.Draw,
        [
            new("DotBackward", w => new($"B, E={E}", w.B * E * 16.0,
                () => w.Kernels.DotBackward(w.Dc, K, 0, w.P, w.Q, E, w.Users, w.Movies, w.B, w.Dx, 2 * E, 0, w.Dx, 2 * E, E))),
        ]),
        new(nameof(HybridKernels.OutputForward), Tolerances.SumRule + " (m = width + 4)", OutputForwardCase.Draw,
        [
            new("OutputForward", w => new($"B×{K}, biases", w.B * (K + 2.0) * 4,
                () => w.Kernels.OutputForward(w.C, K, K, w.B, w.Wo, w.Bo, true, w.UserBias, w.MovieBias, w.Users, w.Movies, 0.5f, w.Y))),
        ]),
        new(nameof(HybridKernels.OutputBackward), "exact", OutputBackwardCase.Draw,
        [
            new("OutputBackward", w => new($"B×{K}, masks from column 1", w.B * (2.0 * K + 1) * 4,
                () => w.Kernels.OutputBackward(w.Dy, w.Wo, K, 1, w.C, K, w.B, w.Dx, 2 * E))),
        ]),
    ]);
}
