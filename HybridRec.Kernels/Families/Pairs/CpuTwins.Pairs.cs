namespace HybridRec.Kernels;

internal static partial class CpuTwins
{
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

    /// <summary>Twin of <see cref="HybridKernels.OutputBackward"/>.</summary>
    /// <param name="dy">(n) output gradient.</param>
    /// <param name="wo">(width) weights.</param>
    /// <param name="width">Inputs of the layer.</param>
    /// <param name="maskFrom">First column behind a ReLU.</param>
    /// <param name="c">(n, ldC) inputs.</param>
    /// <param name="ldC">Leading dimension of c.</param>
    /// <param name="n">Rows.</param>
    /// <param name="dc">(n, ldDc) input gradient.</param>
    /// <param name="ldDc">Leading dimension of dc.</param>
    public static void OutputBackward(ReadOnlySpan<float> dy, ReadOnlySpan<float> wo, int width, int maskFrom, ReadOnlySpan<float> c, int ldC, int n, Span<float> dc, int ldDc)
    {
        for (int i = 0; i < n; i++)
            for (int k = 0; k < width; k++)
                dc[i * ldDc + k] = k < maskFrom || c[i * ldC + k] > 0f ? dy[i] * wo[k] : 0f;
    }
}
