using ILGPU;
using static HybridRec.Kernels.KernelWorkload;

namespace HybridRec.Kernels;

/// <summary>
/// Registry entry of the Ranking family: the ranking head's logits over each sample's candidates, the sampled-softmax
/// cross-entropy (gradient and loss sum; its final pass is the Loss family's <c>MseFinal</c>), and the backward into
/// per-sample and per-candidate rows (then summed per row by the Embedding family's <c>SegmentSumRows</c>).
/// </summary>
internal static class RankingFamily
{
    public static readonly DeviceKernel<ArrayView<float>, ArrayView<float>, ArrayView<float>, ArrayView<float>, ArrayView<int>, ArrayView<int>, ArrayView<float>, RankArgs> RankScores =
        new(RankingKernels.RankScores);

    public static readonly DeviceKernel<ArrayView<float>, ArrayView<byte>, ArrayView<float>, ArrayView<double>, SoftmaxArgs> SoftmaxPartials =
        new(RankingKernels.SoftmaxPartials, usesDouble: true);

    public static readonly DeviceKernel<ArrayView<float>, ArrayView<float>, ArrayView<int>, ArrayView<float>, RankBackwardArgs> RankUserRows =
        new(RankingKernels.RankUserRows);

    public static readonly DeviceKernel<ArrayView<float>, ArrayView<float>, ArrayView<float>, ArrayView<float>, ArrayView<int>, ArrayView<int>, ArrayView<float>, RankBackwardArgs> RankCandidateRows =
        new(RankingKernels.RankCandidateRows);

    public static KernelFamily Entry { get; } = new("Ranking", [RankScores, SoftmaxPartials, RankUserRows, RankCandidateRows],
    [
        new(nameof(HybridKernels.RankScores), Tolerances.SumRule + " (m = dim + 2, + 8 with logQ ∈ [−8, 0])", RankScoresCase.Draw,
        [
            new("RankScores", w => new($"{w.RankSamples}×{RankWidth}, E={E}, logQ", w.RankSamples * RankWidth * (E + 4.0) * 4,
                () => w.Kernels.RankScores(w.P, w.Q, w.MovieBias, w.LogQ, true, E, w.Users, w.RankCandidates, RankWidth, w.RankSamples, w.Logits, RankWidth))),
        ]),
        new(nameof(HybridKernels.SoftmaxCrossEntropy), RankingDraw.GradientRule + "; " + RankingDraw.LossRule, SoftmaxCrossEntropyCase.Draw,
        [
            new("SoftmaxCrossEntropy", w => new($"{w.RankSamples}×{RankWidth}, 1% masked", w.RankSamples * RankWidth * 9.0,
                () => w.Kernels.SoftmaxCrossEntropy(w.Logits, RankWidth, w.RankMask, RankWidth, w.RankSamples, 1f / w.RankSamples, w.LogitGrad, RankWidth, w.LossSum))),
        ]),
        new(nameof(HybridKernels.RankBackward), "dp: " + Tolerances.SumRule + " (m = width); dq: exact, or atol 1e-6, rtol 1e-6 with the L2 term",
            RankBackwardCase.Draw,
        [
            new("RankBackward", w => new($"{w.RankSamples}×{RankWidth}, E={E}, L2", w.RankSamples * RankWidth * (3.0 * E + 4) * 4,
                () => w.Kernels.RankBackward(w.LogitGrad, RankWidth, w.P, w.Q, w.MovieBias, E, w.Users, w.RankCandidates, RankWidth, w.RankSamples, 1e-4f,
                    w.Dx, 2 * E, w.RankDq, E + 1))),
        ]),
    ]);
}
