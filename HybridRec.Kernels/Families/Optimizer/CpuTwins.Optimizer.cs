namespace HybridRec.Kernels;

internal static partial class CpuTwins
{
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

    /// <summary>Twin of <see cref="HybridKernels.AddScaled"/>.</summary>
    /// <param name="dst">Accumulated values.</param>
    /// <param name="src">Added values.</param>
    /// <param name="alpha">Scale.</param>
    public static void AddScaled(Span<float> dst, ReadOnlySpan<float> src, float alpha)
    {
        for (int i = 0; i < dst.Length; i++)
            dst[i] += alpha * src[i];
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
