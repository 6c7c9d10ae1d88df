namespace HybridRec.Kernels;

internal static partial class CpuTwins
{
    /// <summary>Twin of <see cref="HybridKernels.MseLossGrad"/>.</summary>
    /// <param name="y">(n) predictions.</param>
    /// <param name="targets">(n) targets.</param>
    /// <param name="n">Samples.</param>
    /// <param name="gradScale">Gradient scale.</param>
    /// <param name="dy">(n) gradient.</param>
    /// <param name="lossSum">Running sum of squared errors (element 0 incremented); a <c>double[]</c> converts.</param>
    public static void MseLossGrad(ReadOnlySpan<float> y, ReadOnlySpan<float> targets, int n, float gradScale, Span<float> dy, Span<double> lossSum)
    {
        double sum = 0;
        for (int i = 0; i < n; i++)
        {
            float diff = y[i] - targets[i];
            dy[i] = gradScale * diff;
            sum += (double)diff * diff;
        }
        lossSum[0] += sum;
    }
}
