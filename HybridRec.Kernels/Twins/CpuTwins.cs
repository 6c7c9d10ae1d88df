namespace HybridRec.Kernels;

/// <summary>
/// Plain-loop CPU twins of every kernel in <see cref="HybridKernels"/>: same names, same arguments (arrays and spans
/// instead of views), same meaning. Written for obviousness, not speed: they are the reference the kernels are
/// checked against.
/// </summary>
/// <remarks>
/// Sums are accumulated in double and rounded to float once, so a twin is the exactly rounded result (up to the
/// double rounding of very long sums) and a comparison measures the kernel's float32 rounding only. Element-wise
/// formulas (Adam, ReLU, scaled adds, the bias and L2 terms) use the same float expressions as the kernels.
/// </remarks>
public static partial class CpuTwins
{
    /// <summary>Twin of <see cref="HybridKernels.GatherRows"/>.</summary>
    /// <param name="table">(R, dim) table.</param>
    /// <param name="dim">Row width.</param>
    /// <param name="indices">(n) rows.</param>
    /// <param name="n">Samples.</param>
    /// <param name="output">(n, ldOut) destination.</param>
    /// <param name="ldOut">Leading dimension.</param>
    /// <param name="outOffset">First destination column.</param>
    public static void GatherRows(ReadOnlySpan<float> table, int dim, ReadOnlySpan<int> indices, int n, Span<float> output, int ldOut, int outOffset)
    {
        for (int i = 0; i < n; i++)
            for (int d = 0; d < dim; d++)
                output[i * ldOut + outOffset + d] = table[indices[i] * dim + d];
    }

    /// <summary>Twin of <see cref="HybridKernels.SegmentSumRows"/>.</summary>
    /// <param name="src">(B, ldSrc) values.</param>
    /// <param name="ldSrc">Leading dimension.</param>
    /// <param name="srcOffset">First column.</param>
    /// <param name="dim">Row width.</param>
    /// <param name="rows">(K) destination rows.</param>
    /// <param name="offsets">(K+1) segment starts.</param>
    /// <param name="samples">Sample positions.</param>
    /// <param name="rowCount">K.</param>
    /// <param name="dst">(R, dim) destination table.</param>
    /// <param name="param">(R, dim) parameters for the L2 term.</param>
    /// <param name="l2Scale">L2 factor or 0.</param>
    public static void SegmentSumRows(ReadOnlySpan<float> src, int ldSrc, int srcOffset, int dim, ReadOnlySpan<int> rows, ReadOnlySpan<int> offsets, ReadOnlySpan<int> samples, int rowCount, Span<float> dst, ReadOnlySpan<float> param, float l2Scale)
    {
        for (int k = 0; k < rowCount; k++)
        {
            int count = offsets[k + 1] - offsets[k];
            for (int d = 0; d < dim; d++)
            {
                double sum = 0;
                for (int s = offsets[k]; s < offsets[k + 1]; s++)
                    sum += src[samples[s] * ldSrc + srcOffset + d];
                float v = (float)sum;
                int at = rows[k] * dim + d;
                if (l2Scale != 0f) v += count * l2Scale * param[at];
                dst[at] = v;
            }
        }
    }

    /// <summary>Twin of <see cref="HybridKernels.SegmentSumCompact"/>.</summary>
    /// <param name="src">(B, ldSrc) values.</param>
    /// <param name="ldSrc">Leading dimension.</param>
    /// <param name="srcOffset">First column.</param>
    /// <param name="dim">Row width.</param>
    /// <param name="offsets">(K+1) segment starts.</param>
    /// <param name="samples">Sample positions.</param>
    /// <param name="rowCount">K.</param>
    /// <param name="dst">(K, dim) destination.</param>
    public static void SegmentSumCompact(ReadOnlySpan<float> src, int ldSrc, int srcOffset, int dim, ReadOnlySpan<int> offsets, ReadOnlySpan<int> samples, int rowCount, Span<float> dst)
    {
        for (int k = 0; k < rowCount; k++)
        {
            for (int d = 0; d < dim; d++)
            {
                double sum = 0;
                for (int s = offsets[k]; s < offsets[k + 1]; s++)
                    sum += src[samples[s] * ldSrc + srcOffset + d];
                dst[k * dim + d] = (float)sum;
            }
        }
    }

    /// <summary>Twin of <see cref="HybridKernels.ScatterAddRowsAtomic"/> (sequential float adds in sample order).</summary>
    /// <param name="src">(n, ldSrc) values.</param>
    /// <param name="ldSrc">Leading dimension.</param>
    /// <param name="srcOffset">First column.</param>
    /// <param name="dim">Row width.</param>
    /// <param name="indices">(n) destination rows.</param>
    /// <param name="n">Samples.</param>
    /// <param name="dst">(R, dim) accumulated table.</param>
    public static void ScatterAddRowsAtomic(ReadOnlySpan<float> src, int ldSrc, int srcOffset, int dim, ReadOnlySpan<int> indices, int n, Span<float> dst)
    {
        for (int i = 0; i < n; i++)
            for (int d = 0; d < dim; d++)
                dst[indices[i] * dim + d] += src[i * ldSrc + srcOffset + d];
    }

    /// <summary>Twin of <see cref="HybridKernels.ReluBackward"/>.</summary>
    /// <param name="grad">(n, ld) gradients, masked in place.</param>
    /// <param name="act">(n, ld) activations.</param>
    /// <param name="ld">Leading dimension.</param>
    /// <param name="offset">First column.</param>
    /// <param name="count">Columns.</param>
    /// <param name="n">Rows.</param>
    public static void ReluBackward(Span<float> grad, ReadOnlySpan<float> act, int ld, int offset, int count, int n)
    {
        for (int i = 0; i < n; i++)
            for (int j = 0; j < count; j++)
            {
                int at = i * ld + offset + j;
                grad[at] = act[at] > 0f ? grad[at] : 0f;
            }
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
}
