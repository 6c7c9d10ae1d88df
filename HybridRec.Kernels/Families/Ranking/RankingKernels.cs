using System.Runtime.InteropServices;
using ILGPU;

namespace HybridRec.Kernels;

/// <summary>
/// The ranking head (docs/design.md, issue 10): each sample b has one user u_b and <c>width</c> = 1 + k candidates
/// c_b0 (the rated movie) and c_b1..c_bk (sampled negatives), stored row by row as (n·width) entries. The head's
/// logits are l[b, j] = P3[u_b]·Q3[c_bj] + r[c_bj] − logQ[c_bj]; its loss is a sampled softmax cross-entropy with the
/// positive in column 0. No atomics: the loss sum is reduced per group in double then in one ordered pass, and the
/// per-row gradients are written per sample and per candidate entry for the deterministic segment sums.
/// </summary>
internal static class RankingKernels
{
    // exp and log through the base-2 intrinsics: PTX has ex2.approx.f32 and lg2.approx.f32 (2 ulp), while MathF.Exp
    // and MathF.Log have no PTX implementation without ILGPU.Algorithms.
    private const float Log2E = 1.44269504f;
    private const float Ln2 = 0.693147181f;

    /// <summary>
    /// logits[b·ld + j] = P3[u_b]·Q3[c_bj] + r[c_bj] (− logQ[c_bj] when UseLogQ): one sub-warp of <c>Lanes</c> per
    /// candidate entry e = b·width + j (the shared <see cref="PairKernels.LaneDot"/>), exact grid.
    /// </summary>
    public static void RankScores(
        ArrayView<float> p,             // (U, dim) P3
        ArrayView<float> q,             // (M, dim) Q3
        ArrayView<float> bias,          // (M) r
        ArrayView<float> logQ,          // (M) log q(m) when UseLogQ, else unused
        ArrayView<int> users,           // (n)
        ArrayView<int> candidates,      // (n·width)
        ArrayView<float> logits,        // (n, ld), columns [0, width)
        RankArgs a)
    {
        int lanes = a.Lanes;
        int lane = Group.IdxX & (lanes - 1);
        int e = Grid.IdxX * (Group.DimX / lanes) + Group.IdxX / lanes;
        bool active = e < a.N * a.Width;
        int b = e / a.Width;
        int c = active ? candidates[e] : 0;
        int u = active ? users[b] : 0;
        float dot = PairKernels.LaneDot(p, u * a.Dim, q, c * a.Dim, a.Dim, lane, lanes, active);
        if (lane == 0 && active)
        {
            float v = dot + bias[c];
            if (a.UseLogQ != 0) v -= logQ[c];
            logits[b * a.Ld + (e - b * a.Width)] = v;
        }
    }

    /// <summary>
    /// SoftmaxCrossEntropy pass 1, one thread per row (grid-stride): over the row's used columns (column 0 always,
    /// column j &gt; 0 when mask[b·width + j] ≠ 0) m = max, s = Σ exp(l − m), loss_b = m + log s − l[b, 0] (exp and log
    /// as 2^(x·log2 e) and log2(s)·ln 2);
    /// grad[b·ldGrad + j] = scale·(exp(l − m)/s − [j = 0]), 0 for masked columns. Each group writes Σ loss_b (double,
    /// <see cref="LossKernels.GroupSum"/>) to partials[group]; pass 2 is <see cref="LossKernels.MseFinal"/>.
    /// </summary>
    public static void SoftmaxPartials(
        ArrayView<float> logits,        // (n, ld)
        ArrayView<byte> mask,           // (n·width) 1 = used
        ArrayView<float> grad,          // (n, ldGrad)
        ArrayView<double> partials,     // (groups)
        SoftmaxArgs a)
    {
        int stride = Grid.DimX * Group.DimX;
        int w = a.Width;
        double acc = 0.0;
        for (int b = Grid.IdxX * Group.DimX + Group.IdxX; b < a.N; b += stride)
        {
            int row = b * a.Ld;
            int g = b * a.LdGrad;
            int m = b * w;
            float l0 = logits[row];
            float max = l0;
            for (int j = 1; j < w; j++)
                if (mask[m + j] != 0) max = MathF.Max(max, logits[row + j]);
            // exp(l − max) into grad, summed in column order, then scaled in place.
            float sum = 0f;
            for (int j = 0; j < w; j++)
            {
                float x = j == 0 || mask[m + j] != 0 ? IntrinsicMath.CPUOnly.Exp2((logits[row + j] - max) * Log2E) : 0f;
                grad[g + j] = x;
                sum += x;
            }
            float inv = 1f / sum;
            for (int j = 0; j < w; j++)
            {
                float s = grad[g + j] * inv;
                grad[g + j] = a.Scale * (j == 0 ? s - 1f : s);
            }
            float loss = max + IntrinsicMath.CPUOnly.Log2(sum) * Ln2 - l0;
            acc += loss;
        }
        double groupLoss = LossKernels.GroupSum(acc);
        if (Group.IdxX == 0) partials[Grid.IdxX] = groupLoss;
    }

    /// <summary>
    /// RankBackward, user rows: dp[b·ldDp + d] = Σ_j grad[b·ldGrad + j]·Q3[c_bj·dim + d], summed in j order; one
    /// thread per (b, d), d fastest (coalesced rows of Q3).
    /// </summary>
    public static void RankUserRows(
        ArrayView<float> grad,          // (n, ldGrad)
        ArrayView<float> q,             // (M, dim)
        ArrayView<int> candidates,      // (n·width)
        ArrayView<float> dp,            // (n, ldDp), columns [0, dim)
        RankBackwardArgs a)
    {
        int dim = a.Dim;
        int w = a.Width;
        int total = a.N * dim;
        int stride = Grid.DimX * Group.DimX;
        for (int e = Grid.IdxX * Group.DimX + Group.IdxX; e < total; e += stride)
        {
            int b = e / dim;
            int d = e - b * dim;
            int g = b * a.LdGrad;
            int c = b * w;
            float acc = 0f;
            for (int j = 0; j < w; j++)
                acc += grad[g + j] * q[candidates[c + j] * dim + d];
            dp[b * a.LdDp + d] = acc;
        }
    }

    /// <summary>
    /// RankBackward, candidate rows: for entry e = b·width + j, dq[e·ldDq + d] = g·P3[u_b·dim + d] (+ l2Scale·Q3[c·dim + d]
    /// when j = 0) for d &lt; dim, and dq[e·ldDq + dim] = g (+ l2Scale·r[c] when j = 0), with g = grad[b·ldGrad + j]
    /// and c = c_bj. One thread per (e, column), column fastest.
    /// </summary>
    public static void RankCandidateRows(
        ArrayView<float> grad,          // (n, ldGrad)
        ArrayView<float> p,             // (U, dim)
        ArrayView<float> q,             // (M, dim)
        ArrayView<float> bias,          // (M)
        ArrayView<int> users,           // (n)
        ArrayView<int> candidates,      // (n·width)
        ArrayView<float> dq,            // (n·width, ldDq), columns [0, dim]
        RankBackwardArgs a)
    {
        int dim = a.Dim;
        int cols = dim + 1;
        int w = a.Width;
        int total = a.N * w * cols;
        int stride = Grid.DimX * Group.DimX;
        for (int x = Grid.IdxX * Group.DimX + Group.IdxX; x < total; x += stride)
        {
            int e = x / cols;
            int d = x - e * cols;
            int b = e / w;
            int j = e - b * w;
            float g = grad[b * a.LdGrad + j];
            int c = candidates[e];
            float v;
            if (d < dim)
            {
                v = g * p[users[b] * dim + d];
                if (j == 0 && a.L2Scale != 0f) v += a.L2Scale * q[c * dim + d];
            }
            else
            {
                v = g;
                if (j == 0 && a.L2Scale != 0f) v += a.L2Scale * bias[c];
            }
            dq[e * a.LdDq + d] = v;
        }
    }
}

/// <summary>Arguments of <see cref="RankingKernels.RankScores"/>.</summary>
[StructLayout(LayoutKind.Sequential)]
internal struct RankArgs
{
    public int Dim;
    public int N;              // samples (rows)
    public int Width;          // 1 + k candidates per sample
    public int Lanes;          // power of two dividing the warp size
    public int Ld;             // leading dimension of logits
    public int UseLogQ;
}

/// <summary>Arguments of <see cref="RankingKernels.SoftmaxPartials"/>.</summary>
[StructLayout(LayoutKind.Sequential)]
internal struct SoftmaxArgs
{
    public int N;
    public int Width;
    public int Ld;             // leading dimension of logits
    public int LdGrad;
    public float Scale;
}

/// <summary>Arguments of the RankBackward kernels.</summary>
[StructLayout(LayoutKind.Sequential)]
internal struct RankBackwardArgs
{
    public int Dim;
    public int N;
    public int Width;
    public int LdGrad;
    public int LdDp;
    public int LdDq;
    public float L2Scale;
}
