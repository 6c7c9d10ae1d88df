namespace HybridRec.Kernels;

internal static partial class CpuTwins
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
}
