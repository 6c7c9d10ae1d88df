using ILGPU;

namespace HybridRec.Kernels;

internal sealed partial class HybridKernels
{
    /// <summary>
    /// MSE loss gradient and loss: <c>dy[i] = gradScale·(y[i] − targets[i])</c> for i &lt; n, and
    /// <c>lossSum[0] += Σ_i (y[i] − targets[i])²</c> accumulated in double, deterministically (per-group partials in
    /// scratch, then one ordered final pass). No-op when n is 0.
    /// </summary>
    /// <param name="y">(n) predictions.</param>
    /// <param name="targets">(n) targets.</param>
    /// <param name="n">Samples.</param>
    /// <param name="gradScale">Scale of the gradient (2/B for the mean).</param>
    /// <param name="dy">(n) gradient output.</param>
    /// <param name="lossSum">(≥ 1) running sum of squared errors; element 0 is incremented.</param>
    public void MseLossGrad(ArrayView<float> y, ArrayView<float> targets, int n, float gradScale, ArrayView<float> dy, ArrayView<double> lossSum)
    {
        ThrowIfDisposed();
        Guard.NonNegative(n, nameof(n));
        Guard.Length(y, n, nameof(y));
        Guard.Length(targets, n, nameof(targets));
        Guard.Length(dy, n, nameof(dy));
        Guard.Length(lossSum, 1, nameof(lossSum));
        if (n == 0) return;
        int groups = (int)Math.Clamp((n + (long)GroupLimit - 1) / GroupLimit, 1, 1024);
        var partials = ScratchDouble(groups);
        Launcher(LossFamily.MsePartials)(new KernelConfig(groups, GroupLimit), Arg(y), Arg(targets), Arg(dy), Arg(partials), n, gradScale);
        Launcher(LossFamily.MseFinal)(new KernelConfig(1, GroupLimit), Arg(partials), Arg(lossSum), groups);
    }
}
