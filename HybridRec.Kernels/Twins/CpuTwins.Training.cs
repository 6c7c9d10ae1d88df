namespace HybridRec.Kernels;

public static partial class CpuTwins
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

    /// <summary>Twin of <see cref="HybridKernels.AdamDense"/>.</summary>
    /// <param name="param">Parameters.</param>
    /// <param name="grad">Gradients (cleared).</param>
    /// <param name="m">First moments.</param>
    /// <param name="v">Second moments.</param>
    /// <param name="c">Step coefficients.</param>
    public static void AdamDense(Span<float> param, Span<float> grad, Span<float> m, Span<float> v, AdamCoefficients c)
    {
        for (int i = 0; i < param.Length; i++)
            AdamStep(param, grad, m, v, i, c);
    }

    /// <summary>Twin of <see cref="HybridKernels.AdamRows"/>.</summary>
    /// <param name="param">(R, dim) parameters.</param>
    /// <param name="grad">(R, dim) gradients.</param>
    /// <param name="m">(R, dim) first moments.</param>
    /// <param name="v">(R, dim) second moments.</param>
    /// <param name="dim">Row width.</param>
    /// <param name="rows">Rows to update.</param>
    /// <param name="rowCount">Number of rows.</param>
    /// <param name="c">Step coefficients.</param>
    public static void AdamRows(Span<float> param, Span<float> grad, Span<float> m, Span<float> v, int dim, ReadOnlySpan<int> rows, int rowCount, AdamCoefficients c)
    {
        for (int k = 0; k < rowCount; k++)
            for (int d = 0; d < dim; d++)
                AdamStep(param, grad, m, v, rows[k] * dim + d, c);
    }

    private static void AdamStep(Span<float> param, Span<float> grad, Span<float> m, Span<float> v, int i, AdamCoefficients c)
    {
        float g = grad[i];
        float mi = c.Beta1 * m[i] + (1f - c.Beta1) * g;
        float vi = c.Beta2 * v[i] + (1f - c.Beta2) * g * g;
        param[i] -= c.Alpha * mi / (MathF.Sqrt(vi) + c.Epsilon);
        m[i] = mi;
        v[i] = vi;
        grad[i] = 0f;
    }
}
