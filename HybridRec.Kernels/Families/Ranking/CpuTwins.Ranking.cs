namespace HybridRec.Kernels;

internal static partial class CpuTwins
{
    /// <summary>Twin of <see cref="HybridKernels.RankScores"/>.</summary>
    /// <param name="p">(U, dim) P3.</param>
    /// <param name="q">(M, dim) Q3.</param>
    /// <param name="bias">(M) r.</param>
    /// <param name="logQ">(M) log q(m) (unused when !useLogQ).</param>
    /// <param name="useLogQ">Subtract logQ.</param>
    /// <param name="dim">Ranking embedding size.</param>
    /// <param name="users">(n) users.</param>
    /// <param name="candidates">(n·width) candidates.</param>
    /// <param name="width">1 + k.</param>
    /// <param name="n">Samples.</param>
    /// <param name="logits">(n, ldLogits) destination.</param>
    /// <param name="ldLogits">Leading dimension.</param>
    public static void RankScores(ReadOnlySpan<float> p, ReadOnlySpan<float> q, ReadOnlySpan<float> bias, ReadOnlySpan<float> logQ, bool useLogQ, int dim, ReadOnlySpan<int> users, ReadOnlySpan<int> candidates, int width, int n, Span<float> logits, int ldLogits)
    {
        for (int b = 0; b < n; b++)
            for (int j = 0; j < width; j++)
            {
                int c = candidates[b * width + j];
                double sum = 0;
                for (int d = 0; d < dim; d++)
                    sum += (double)p[users[b] * dim + d] * q[c * dim + d];
                float v = (float)sum + bias[c];
                if (useLogQ) v -= logQ[c];
                logits[b * ldLogits + j] = v;
            }
    }

    /// <summary>Twin of <see cref="HybridKernels.SoftmaxCrossEntropy"/> (computed in double, rounded once).</summary>
    /// <param name="logits">(n, ldLogits) logits.</param>
    /// <param name="ldLogits">Leading dimension of logits.</param>
    /// <param name="mask">(n·width) 1 = used (column 0 always used).</param>
    /// <param name="width">1 + k.</param>
    /// <param name="n">Rows.</param>
    /// <param name="scale">Gradient scale.</param>
    /// <param name="grad">(n, ldGrad) gradient.</param>
    /// <param name="ldGrad">Leading dimension of grad.</param>
    /// <param name="lossSum">Running sum of the rows' cross-entropies (element 0 incremented); a <c>double[]</c> converts.</param>
    public static void SoftmaxCrossEntropy(ReadOnlySpan<float> logits, int ldLogits, ReadOnlySpan<byte> mask, int width, int n, float scale, Span<float> grad, int ldGrad, Span<double> lossSum)
    {
        double total = 0;
        for (int b = 0; b < n; b++)
        {
            double max = logits[b * ldLogits];
            for (int j = 1; j < width; j++)
                if (mask[b * width + j] != 0) max = Math.Max(max, logits[b * ldLogits + j]);
            double sum = 0;
            for (int j = 0; j < width; j++)
                if (j == 0 || mask[b * width + j] != 0) sum += Math.Exp(logits[b * ldLogits + j] - max);
            for (int j = 0; j < width; j++)
            {
                bool used = j == 0 || mask[b * width + j] != 0;
                double softmax = used ? Math.Exp(logits[b * ldLogits + j] - max) / sum : 0;
                grad[b * ldGrad + j] = used ? (float)(scale * (softmax - (j == 0 ? 1 : 0))) : 0f;
            }
            total += max + Math.Log(sum) - logits[b * ldLogits];
        }
        lossSum[0] += total;
    }

    /// <summary>Twin of <see cref="HybridKernels.RankBackward"/>.</summary>
    /// <param name="grad">(n, ldGrad) dL/dlogits.</param>
    /// <param name="ldGrad">Leading dimension of grad.</param>
    /// <param name="p">(U, dim) P3.</param>
    /// <param name="q">(M, dim) Q3.</param>
    /// <param name="bias">(M) r (read for the L2 term only).</param>
    /// <param name="dim">Ranking embedding size.</param>
    /// <param name="users">(n) users.</param>
    /// <param name="candidates">(n·width) candidates.</param>
    /// <param name="width">1 + k.</param>
    /// <param name="n">Samples.</param>
    /// <param name="l2Scale">L2 factor of the positive's rows, or 0.</param>
    /// <param name="dp">(n, ldDp) per-sample user-row gradient.</param>
    /// <param name="ldDp">Leading dimension of dp.</param>
    /// <param name="dq">(n·width, ldDq) per-candidate item-row gradient, bias gradient in column dim.</param>
    /// <param name="ldDq">Leading dimension of dq.</param>
    public static void RankBackward(ReadOnlySpan<float> grad, int ldGrad, ReadOnlySpan<float> p, ReadOnlySpan<float> q, ReadOnlySpan<float> bias, int dim, ReadOnlySpan<int> users, ReadOnlySpan<int> candidates, int width, int n, float l2Scale, Span<float> dp, int ldDp, Span<float> dq, int ldDq)
    {
        for (int b = 0; b < n; b++)
        {
            for (int d = 0; d < dim; d++)
            {
                double sum = 0;
                for (int j = 0; j < width; j++)
                    sum += (double)grad[b * ldGrad + j] * q[candidates[b * width + j] * dim + d];
                dp[b * ldDp + d] = (float)sum;
            }
            for (int j = 0; j < width; j++)
            {
                int e = b * width + j, c = candidates[e];
                float g = grad[b * ldGrad + j];
                bool l2 = j == 0 && l2Scale != 0f;
                for (int d = 0; d < dim; d++)
                    dq[e * ldDq + d] = g * p[users[b] * dim + d] + (l2 ? l2Scale * q[c * dim + d] : 0f);
                dq[e * ldDq + dim] = g + (l2 ? l2Scale * bias[c] : 0f);
            }
        }
    }
}
