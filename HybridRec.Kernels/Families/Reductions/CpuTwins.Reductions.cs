namespace HybridRec.Kernels;

internal static partial class CpuTwins
{
    /// <summary>Twin of <see cref="HybridKernels.ColumnSums"/>.</summary>
    /// <param name="src">(n, ld) values.</param>
    /// <param name="ld">Leading dimension.</param>
    /// <param name="offset">First column.</param>
    /// <param name="count">Columns.</param>
    /// <param name="n">Rows.</param>
    /// <param name="dst">(count) sums.</param>
    public static void ColumnSums(ReadOnlySpan<float> src, int ld, int offset, int count, int n, Span<float> dst)
    {
        var sums = new double[count];
        for (int i = 0; i < n; i++)
            for (int j = 0; j < count; j++)
                sums[j] += src[i * ld + offset + j];
        for (int j = 0; j < count; j++) dst[j] = (float)sums[j];
    }

    /// <summary>Twin of <see cref="HybridKernels.WeightedColumnSums"/>.</summary>
    /// <param name="src">(n, ld) values.</param>
    /// <param name="ld">Leading dimension.</param>
    /// <param name="offset">First column.</param>
    /// <param name="count">Columns.</param>
    /// <param name="n">Rows.</param>
    /// <param name="weights">(n) row weights.</param>
    /// <param name="dst">(count) sums.</param>
    public static void WeightedColumnSums(ReadOnlySpan<float> src, int ld, int offset, int count, int n, ReadOnlySpan<float> weights, Span<float> dst)
    {
        var sums = new double[count];
        for (int i = 0; i < n; i++)
            for (int j = 0; j < count; j++)
                sums[j] += (double)weights[i] * src[i * ld + offset + j];
        for (int j = 0; j < count; j++) dst[j] = (float)sums[j];
    }
}
