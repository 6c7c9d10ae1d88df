namespace HybridRec.Kernels;

public static partial class CpuTwins
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

    /// <summary>Twin of <see cref="HybridKernels.DotForward"/>.</summary>
    /// <param name="p">(U, dim) user embeddings.</param>
    /// <param name="q">(M, dim) movie embeddings.</param>
    /// <param name="dim">Embedding size.</param>
    /// <param name="users">(n) users.</param>
    /// <param name="movies">(n) movies.</param>
    /// <param name="n">Samples.</param>
    /// <param name="output">(n, ldOut) destination.</param>
    /// <param name="ldOut">Leading dimension.</param>
    /// <param name="outOffset">Destination column.</param>
    public static void DotForward(ReadOnlySpan<float> p, ReadOnlySpan<float> q, int dim, ReadOnlySpan<int> users, ReadOnlySpan<int> movies, int n, Span<float> output, int ldOut, int outOffset)
    {
        for (int i = 0; i < n; i++)
        {
            double sum = 0;
            for (int d = 0; d < dim; d++)
                sum += (double)p[users[i] * dim + d] * q[movies[i] * dim + d];
            output[i * ldOut + outOffset] = (float)sum;
        }
    }

    /// <summary>Twin of <see cref="HybridKernels.DotBackward"/>.</summary>
    /// <param name="dz">(n, ldDz) upstream gradient.</param>
    /// <param name="ldDz">Leading dimension of dz.</param>
    /// <param name="dzOffset">Gradient column.</param>
    /// <param name="p">(U, dim) user embeddings.</param>
    /// <param name="q">(M, dim) movie embeddings.</param>
    /// <param name="dim">Embedding size.</param>
    /// <param name="users">(n) users.</param>
    /// <param name="movies">(n) movies.</param>
    /// <param name="n">Samples.</param>
    /// <param name="dp">(n, ldDp) per-sample user gradient.</param>
    /// <param name="ldDp">Leading dimension of dp.</param>
    /// <param name="dpOffset">First column of dp.</param>
    /// <param name="dq">(n, ldDq) per-sample movie gradient.</param>
    /// <param name="ldDq">Leading dimension of dq.</param>
    /// <param name="dqOffset">First column of dq.</param>
    public static void DotBackward(ReadOnlySpan<float> dz, int ldDz, int dzOffset, ReadOnlySpan<float> p, ReadOnlySpan<float> q, int dim, ReadOnlySpan<int> users, ReadOnlySpan<int> movies, int n, Span<float> dp, int ldDp, int dpOffset, Span<float> dq, int ldDq, int dqOffset)
    {
        for (int i = 0; i < n; i++)
        {
            float g = dz[i * ldDz + dzOffset];
            for (int d = 0; d < dim; d++)
            {
                dp[i * ldDp + dpOffset + d] = g * q[movies[i] * dim + d];
                dq[i * ldDq + dqOffset + d] = g * p[users[i] * dim + d];
            }
        }
    }

    /// <summary>Twin of <see cref="HybridKernels.OutputForward"/>.</summary>
    /// <param name="c">(n, ldC) concatenation.</param>
    /// <param name="ldC">Leading dimension.</param>
    /// <param name="width">Concatenation width.</param>
    /// <param name="n">Samples.</param>
    /// <param name="wo">(width) output weights.</param>
    /// <param name="bo">(1) output bias.</param>
    /// <param name="useBiases">Add per-user and per-movie biases.</param>
    /// <param name="userBias">(U) user biases (unused when !useBiases).</param>
    /// <param name="movieBias">(M) movie biases.</param>
    /// <param name="users">(n) users.</param>
    /// <param name="movies">(n) movies.</param>
    /// <param name="offset">Fixed offset μ.</param>
    /// <param name="y">(n) predictions.</param>
    public static void OutputForward(ReadOnlySpan<float> c, int ldC, int width, int n, ReadOnlySpan<float> wo, ReadOnlySpan<float> bo, bool useBiases, ReadOnlySpan<float> userBias, ReadOnlySpan<float> movieBias, ReadOnlySpan<int> users, ReadOnlySpan<int> movies, float offset, Span<float> y)
    {
        for (int i = 0; i < n; i++)
        {
            double sum = 0;
            for (int k = 0; k < width; k++)
                sum += (double)wo[k] * c[i * ldC + k];
            float v = (float)sum + bo[0];
            if (useBiases) v += userBias[users[i]] + movieBias[movies[i]];
            y[i] = v + offset;
        }
    }
}
