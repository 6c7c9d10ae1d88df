namespace HybridRec.Kernels;

internal static partial class CpuTwins
{
    /// <summary>Twin of <see cref="HybridKernels.BagForward"/>.</summary>
    /// <param name="w">(F, hDim) weights.</param>
    /// <param name="b">(hDim) bias.</param>
    /// <param name="hDim">Tower width.</param>
    /// <param name="featOffsets">(M+1) CSR offsets.</param>
    /// <param name="featIndices">CSR feature indices.</param>
    /// <param name="movies">(n) movies.</param>
    /// <param name="n">Samples.</param>
    /// <param name="output">(n, ldOut) destination.</param>
    /// <param name="ldOut">Leading dimension.</param>
    /// <param name="outOffset">First destination column.</param>
    /// <param name="relu">Apply ReLU.</param>
    public static void BagForward(ReadOnlySpan<float> w, ReadOnlySpan<float> b, int hDim, ReadOnlySpan<int> featOffsets, ReadOnlySpan<int> featIndices, ReadOnlySpan<int> movies, int n, Span<float> output, int ldOut, int outOffset, bool relu)
    {
        for (int i = 0; i < n; i++)
        {
            int m = movies[i];
            for (int h = 0; h < hDim; h++)
            {
                double sum = 0;
                for (int f = featOffsets[m]; f < featOffsets[m + 1]; f++)
                    sum += w[featIndices[f] * hDim + h];
                float v = b[h] + (float)sum;
                if (relu) v = v > 0f ? v : 0f;
                output[i * ldOut + outOffset + h] = v;
            }
        }
    }

    /// <summary>Twin of <see cref="HybridKernels.BagBackward"/>.</summary>
    /// <param name="dh">(K, ldDh) per-movie gradients.</param>
    /// <param name="ldDh">Leading dimension.</param>
    /// <param name="dhOffset">First gradient column.</param>
    /// <param name="hDim">Tower width.</param>
    /// <param name="rows">(K) movie of each dh row.</param>
    /// <param name="rowCount">K.</param>
    /// <param name="featOffsets">(M+1) CSR offsets.</param>
    /// <param name="featIndices">CSR feature indices.</param>
    /// <param name="featureCount">F (may be 0: no-op).</param>
    /// <param name="dw">(F, hDim) gradient.</param>
    public static void BagBackward(ReadOnlySpan<float> dh, int ldDh, int dhOffset, int hDim, ReadOnlySpan<int> rows, int rowCount, ReadOnlySpan<int> featOffsets, ReadOnlySpan<int> featIndices, int featureCount, Span<float> dw)
    {
        if (featureCount == 0) return;
        var sums = new double[featureCount * hDim];
        for (int k = 0; k < rowCount; k++)
        {
            int m = rows[k];
            for (int f = featOffsets[m]; f < featOffsets[m + 1]; f++)
                for (int h = 0; h < hDim; h++)
                    sums[featIndices[f] * hDim + h] += dh[k * ldDh + dhOffset + h];
        }
        for (int e = 0; e < sums.Length; e++)
            dw[e] = (float)sums[e];
    }
}
