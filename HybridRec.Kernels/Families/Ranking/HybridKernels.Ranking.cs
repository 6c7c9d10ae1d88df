using ILGPU;
using ILGPU.Runtime;

namespace HybridRec.Kernels;

internal sealed partial class HybridKernels
{
    /// <summary>
    /// Ranking-head logits: <c>logits[b·ldLogits + j] = Σ_d p[users[b]·dim + d]·q[c·dim + d] + bias[c] − (useLogQ ? logQ[c] : 0)</c>
    /// with <c>c = candidates[b·width + j]</c>, for b &lt; n, j &lt; width. Each candidate entry gets a sub-warp of up
    /// to 16 lanes (the dot product of <see cref="DotForward"/>).
    /// </summary>
    /// <param name="p">(U, dim) user ranking embeddings P3.</param>
    /// <param name="q">(M, dim) item ranking embeddings Q3.</param>
    /// <param name="bias">(M) item ranking biases r.</param>
    /// <param name="logQ">(M) log of each item's sampling probability; may be empty when <paramref name="useLogQ"/> is false.</param>
    /// <param name="useLogQ">Subtract <paramref name="logQ"/> (the logQ correction).</param>
    /// <param name="dim">Ranking embedding size.</param>
    /// <param name="users">(n) user of each sample.</param>
    /// <param name="candidates">(n·width) candidates per sample: the positive, then the negatives.</param>
    /// <param name="width">1 + k, candidates per sample.</param>
    /// <param name="n">Samples.</param>
    /// <param name="logits">(n, ldLogits) destination, columns [0, width).</param>
    /// <param name="ldLogits">Leading dimension of <paramref name="logits"/>.</param>
    public void RankScores(ArrayView<float> p, ArrayView<float> q, ArrayView<float> bias, ArrayView<float> logQ, bool useLogQ, int dim, ArrayView<int> users, ArrayView<int> candidates, int width, int n, ArrayView<float> logits, int ldLogits)
    {
        ThrowIfDisposed();
        Guard.Positive(dim, nameof(dim));
        Guard.Positive(width, nameof(width));
        Guard.NonNegative(n, nameof(n));
        Guard.Length(users, n, nameof(users));
        Guard.Length(candidates, (long)n * width, nameof(candidates));
        Guard.Rows(logits, n, ldLogits, 0, width, nameof(logits));
        if (useLogQ && logQ.Length == 0) throw new ArgumentException("logQ is empty but useLogQ is set.", nameof(logQ));
        long items = Guard.Work((long)n * width, nameof(RankScores));
        if (items == 0) return;
        var config = SubWarpConfig(dim, items, out int lanes);
        var args = new RankArgs { Dim = dim, N = n, Width = width, Lanes = lanes, Ld = ldLogits, UseLogQ = useLogQ ? 1 : 0 };
        Launcher(RankingFamily.RankScores)(config, Arg(p), Arg(q), Arg(bias), Arg(useLogQ ? logQ : bias), Arg(users), Arg(candidates), Arg(logits), args);
    }

    /// <summary>
    /// Sampled-softmax cross-entropy with the positive in column 0. For each row b &lt; n, over its used columns
    /// (column 0 always; column j &gt; 0 when <c>mask[b·width + j] ≠ 0</c>): <c>loss_b = logsumexp_j l[b, j] − l[b, 0]</c>
    /// and <c>grad[b·ldGrad + j] = scale·(softmax_j − [j = 0])</c>, 0 for masked columns (overwrites columns
    /// [0, width)); <c>lossSum[0] += Σ_b loss_b</c>, accumulated in double deterministically (per-group partials in
    /// scratch, then one ordered final pass, as <see cref="MseLossGrad"/>). No-op when n is 0.
    /// </summary>
    /// <param name="logits">(n, ldLogits) logits.</param>
    /// <param name="ldLogits">Leading dimension of <paramref name="logits"/>.</param>
    /// <param name="mask">(n·width) 1 = candidate used, 0 = masked out (column 0's entry is not read).</param>
    /// <param name="width">1 + k, columns per row.</param>
    /// <param name="n">Rows (samples).</param>
    /// <param name="scale">Gradient scale (Weight/n for the batch mean).</param>
    /// <param name="grad">(n, ldGrad) dL/dlogits.</param>
    /// <param name="ldGrad">Leading dimension of <paramref name="grad"/>.</param>
    /// <param name="lossSum">(≥ 1) running sum of the rows' cross-entropies; element 0 is incremented.</param>
    public void SoftmaxCrossEntropy(ArrayView<float> logits, int ldLogits, ArrayView<byte> mask, int width, int n, float scale, ArrayView<float> grad, int ldGrad, ArrayView<double> lossSum)
    {
        ThrowIfDisposed();
        Guard.Positive(width, nameof(width));
        Guard.NonNegative(n, nameof(n));
        Guard.Rows(logits, n, ldLogits, 0, width, nameof(logits));
        Guard.Length(mask, (long)n * width, nameof(mask));
        Guard.Rows(grad, n, ldGrad, 0, width, nameof(grad));
        Guard.Length(lossSum, 1, nameof(lossSum));
        Guard.Work((long)n * width, nameof(SoftmaxCrossEntropy));
        if (n == 0) return;
        int groups = (int)Math.Clamp((n + (long)GroupLimit - 1) / GroupLimit, 1, 1024);
        var partials = ScratchDouble(groups);
        var args = new SoftmaxArgs { N = n, Width = width, Ld = ldLogits, LdGrad = ldGrad, Scale = scale };
        Launcher(RankingFamily.SoftmaxPartials)(new KernelConfig(groups, GroupLimit), Arg(logits), mask, Arg(grad), Arg(partials), args);
        Launcher(LossFamily.MseFinal)(new KernelConfig(1, GroupLimit), Arg(partials), Arg(lossSum), groups);
    }

    /// <summary>
    /// Ranking-head backward into per-sample and per-candidate rows (overwrites), from dL/dlogits
    /// <c>g[b, j] = grad[b·ldGrad + j]</c> and <c>c = candidates[b·width + j]</c>:
    /// <c>dp[b·ldDp + d] = Σ_j g[b, j]·q[c·dim + d]</c> (summed in j order) for the user rows;
    /// for candidate entry <c>e = b·width + j</c>, <c>dq[e·ldDq + d] = g[b, j]·p[users[b]·dim + d]</c> for d &lt; dim and
    /// <c>dq[e·ldDq + dim] = g[b, j]</c> (the bias gradient), plus the per-occurrence L2 of the positive
    /// (<c>l2Scale·q[c·dim + d]</c> and <c>l2Scale·bias[c]</c>, j = 0 only). The rows are then summed per distinct
    /// user and item with <see cref="SegmentSumRows"/> (the user rows with their L2 term there).
    /// </summary>
    /// <param name="grad">(n, ldGrad) dL/dlogits.</param>
    /// <param name="ldGrad">Leading dimension of <paramref name="grad"/>.</param>
    /// <param name="p">(U, dim) P3.</param>
    /// <param name="q">(M, dim) Q3.</param>
    /// <param name="bias">(M) r (read for the L2 term only; may be empty when l2Scale is 0).</param>
    /// <param name="dim">Ranking embedding size.</param>
    /// <param name="users">(n) users.</param>
    /// <param name="candidates">(n·width) candidates.</param>
    /// <param name="width">1 + k.</param>
    /// <param name="n">Samples.</param>
    /// <param name="l2Scale">Per-occurrence L2 factor of the positive's rows (2λe/n), or 0.</param>
    /// <param name="dp">(n, ldDp) per-sample user-row gradient, columns [0, dim).</param>
    /// <param name="ldDp">Leading dimension of <paramref name="dp"/>.</param>
    /// <param name="dq">(n·width, ldDq) per-candidate gradient: item row in columns [0, dim), bias in column dim.</param>
    /// <param name="ldDq">Leading dimension of <paramref name="dq"/> (≥ dim + 1).</param>
    public void RankBackward(ArrayView<float> grad, int ldGrad, ArrayView<float> p, ArrayView<float> q, ArrayView<float> bias, int dim, ArrayView<int> users, ArrayView<int> candidates, int width, int n, float l2Scale, ArrayView<float> dp, int ldDp, ArrayView<float> dq, int ldDq)
    {
        ThrowIfDisposed();
        Guard.Positive(dim, nameof(dim));
        Guard.Positive(width, nameof(width));
        Guard.NonNegative(n, nameof(n));
        Guard.Rows(grad, n, ldGrad, 0, width, nameof(grad));
        Guard.Length(users, n, nameof(users));
        Guard.Length(candidates, (long)n * width, nameof(candidates));
        Guard.Rows(dp, n, ldDp, 0, dim, nameof(dp));
        int entries = (int)Guard.Work((long)n * width, nameof(RankBackward));
        Guard.Rows(dq, entries, ldDq, 0, dim + 1, nameof(dq));
        if (l2Scale != 0f && bias.Length == 0) throw new ArgumentException("bias is empty but l2Scale is not 0.", nameof(bias));
        long userWork = Guard.Work((long)n * dim, nameof(RankBackward));
        long entryWork = Guard.Work((long)entries * (dim + 1), nameof(RankBackward));
        if (n == 0) return;
        var args = new RankBackwardArgs { Dim = dim, N = n, Width = width, LdGrad = ldGrad, LdDp = ldDp, LdDq = ldDq, L2Scale = l2Scale };
        Launcher(RankingFamily.RankUserRows)(Linear(userWork), Arg(grad), Arg(q), Arg(candidates), Arg(dp), args);
        Launcher(RankingFamily.RankCandidateRows)(Linear(entryWork), Arg(grad), Arg(p), Arg(q), Arg(l2Scale != 0f ? bias : q), Arg(users), Arg(candidates), Arg(dq), args);
    }
}
