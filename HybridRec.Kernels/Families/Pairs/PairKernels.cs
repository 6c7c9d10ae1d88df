using System.Runtime.InteropServices;
using ILGPU;

namespace HybridRec.Kernels;

/// <summary>
/// Per-sample kernels over the batch's (user, movie) pairs: the collaborative dot product and the output layer,
/// forward and backward. The reductions (dot product, output layer) give each sample a sub-warp of <c>Lanes</c>
/// threads that stride its row (coalesced) and combine with a fixed XOR-shuffle butterfly; launched with an exact
/// grid so every lane reaches the shuffles. The backward kernels are grid-stride over (sample, column).
/// </summary>
internal static class PairKernels
{
    /// <summary>out[i·ld + off] = P[users[i]] · Q[movies[i]].</summary>
    public static void DotForward(
        ArrayView<float> p,             // (U, dim)
        ArrayView<float> q,             // (M, dim)
        ArrayView<int> users,           // (n)
        ArrayView<int> movies,          // (n)
        ArrayView<float> output,        // (n, ld), column offset
        PairArgs a)
    {
        int lanes = a.Lanes;
        int lane = Group.IdxX & (lanes - 1);
        int i = Grid.IdxX * (Group.DimX / lanes) + Group.IdxX / lanes;
        bool active = i < a.N;
        float acc = LaneDot(p, active ? users[i] * a.Dim : 0, q, active ? movies[i] * a.Dim : 0, a.Dim, lane, lanes, active);
        if (lane == 0 && active)
            output[i * a.Out.Ld + a.Out.Offset] = acc;
    }

    /// <summary>
    /// The dot product of p[pRow..pRow+dim) and q[qRow..qRow+dim) over a sub-warp of <paramref name="lanes"/> lanes
    /// (a power of two dividing the warp): each lane strides the rows, then a fixed XOR-shuffle butterfly leaves the
    /// sum in every lane. Every lane of the sub-warp must call it (inactive lanes pass <paramref name="active"/> false
    /// and contribute 0). Shared by <see cref="DotForward"/>, <see cref="OutputForward"/> and the ranking head's <c>RankScores</c>.
    /// </summary>
    internal static float LaneDot(ArrayView<float> p, int pRow, ArrayView<float> q, int qRow, int dim, int lane, int lanes, bool active)
    {
        float acc = 0f;
        if (active)
        {
            for (int d = lane; d < dim; d += lanes)
                acc += p[pRow + d] * q[qRow + d];
        }
        for (int mask = lanes >> 1; mask > 0; mask >>= 1)
            acc += Warp.ShuffleXor(acc, mask);
        return acc;
    }

    /// <summary>
    /// y[i] = Σ_k wo[k]·c[i·ldC + k] + bo[0] (+ userBias[u_i] + movieBias[m_i]) + offset.
    /// </summary>
    public static void OutputForward(
        ArrayView<float> c,             // (n, ldC), columns [0, width)
        ArrayView<float> wo,            // (width)
        ArrayView<float> bo,            // (1)
        ArrayView<float> userBias,      // (U) when UseBiases, else unused (may be empty)
        ArrayView<float> movieBias,     // (M) when UseBiases, else unused
        ArrayView<int> users,           // (n) when UseBiases
        ArrayView<int> movies,          // (n) when UseBiases
        ArrayView<float> y,             // (n)
        PairArgs a)
    {
        int lanes = a.Lanes;
        int lane = Group.IdxX & (lanes - 1);
        int i = Grid.IdxX * (Group.DimX / lanes) + Group.IdxX / lanes;
        bool active = i < a.N;
        float acc = LaneDot(wo, 0, c, active ? i * a.Out.Ld : 0, a.Dim, lane, lanes, active);
        if (lane == 0 && active)
        {
            float v = acc + bo[0];
            if (a.UseBiases != 0) v += userBias[users[i]] + movieBias[movies[i]];
            y[i] = v + a.Offset;
        }
    }

    /// <summary>
    /// Output-layer backward fused with the ReLU masks: dc[i·ldDc + k] = dy[i]·wo[k] for k &lt; maskFrom, and
    /// dy[i]·wo[k]·[c[i·ldC + k] &gt; 0] for maskFrom ≤ k &lt; width.
    /// </summary>
    public static void OutputBackward(
        ArrayView<float> dy,        // (n)
        ArrayView<float> wo,        // (width)
        ArrayView<float> c,         // (n, ldC) activations
        ArrayView<float> dc,        // (n, ldDc) output
        int width, int maskFrom, int ldC, int ldDc, int n)
    {
        int total = n * width;
        int stride = Grid.DimX * Group.DimX;
        for (int e = Grid.IdxX * Group.DimX + Group.IdxX; e < total; e += stride)
        {
            int i = e / width;
            int k = e - i * width;
            float g = dy[i] * wo[k];
            if (k >= maskFrom && !(c[i * ldC + k] > 0f)) g = 0f;
            dc[i * ldDc + k] = g;
        }
    }

    /// <summary>dp[i, :] = dz_i·Q[m_i]; dq[i, :] = dz_i·P[u_i]; one thread per (sample, d), d fastest.</summary>
    public static void DotBackward(
        ArrayView<float> dz,            // (n, ldDz), column dzOffset
        ArrayView<float> p,             // (U, dim)
        ArrayView<float> q,             // (M, dim)
        ArrayView<int> users,
        ArrayView<int> movies,
        ArrayView<float> dp,            // (n, ldDp), columns [dpOffset, dpOffset+dim)
        ArrayView<float> dq,            // (n, ldDq), columns [dqOffset, dqOffset+dim)
        DotBackwardArgs a)
    {
        int dim = a.Dim;
        int total = a.N * dim;
        int stride = Grid.DimX * Group.DimX;
        for (int e = Grid.IdxX * Group.DimX + Group.IdxX; e < total; e += stride)
        {
            int i = e / dim;
            int d = e - i * dim;
            float g = dz[i * a.Dz.Ld + a.Dz.Offset];
            dp[i * a.Dp.Ld + a.Dp.Offset + d] = g * q[movies[i] * dim + d];
            dq[i * a.Dq.Ld + a.Dq.Offset + d] = g * p[users[i] * dim + d];
        }
    }
}

/// <summary>Arguments of the per-sample dot-product and output-layer kernels (sub-warp of <c>Lanes</c> per sample).</summary>
[StructLayout(LayoutKind.Sequential)]
internal struct PairArgs
{
    public int Dim;            // embedding size (dot) or concatenation width (output layer)
    public int N;
    public int Lanes;          // power of two dividing the warp size
    public Placement Out;      // dot: output placement; output layer: c placement (Ld only)
    public int UseBiases;
    public float Offset;
}

/// <summary>Arguments of the per-sample dot-product backward kernel.</summary>
[StructLayout(LayoutKind.Sequential)]
internal struct DotBackwardArgs
{
    public Placement Dz, Dp, Dq;
    public int Dim;
    public int N;
}
