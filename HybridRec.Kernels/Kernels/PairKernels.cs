using ILGPU;

namespace HybridRec.Kernels;

/// <summary>
/// Per-sample kernels over (user, movie) pairs. The reductions (dot product, output layer) give each sample a
/// sub-warp of <c>Lanes</c> threads that stride its row (coalesced) and combine with a fixed XOR-shuffle
/// butterfly; launched with an exact grid so every lane reaches the shuffles.
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
        float acc = 0f;
        if (i < a.N)
        {
            int pu = users[i] * a.Dim;
            int qm = movies[i] * a.Dim;
            for (int d = lane; d < a.Dim; d += lanes)
                acc += p[pu + d] * q[qm + d];
        }
        for (int mask = lanes >> 1; mask > 0; mask >>= 1)
            acc += Warp.ShuffleXor(acc, mask);
        if (lane == 0 && i < a.N)
            output[i * a.Out.Ld + a.Out.Offset] = acc;
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
        float acc = 0f;
        if (i < a.N)
        {
            int row = i * a.Out.Ld;
            for (int k = lane; k < a.Dim; k += lanes)
                acc += wo[k] * c[row + k];
        }
        for (int mask = lanes >> 1; mask > 0; mask >>= 1)
            acc += Warp.ShuffleXor(acc, mask);
        if (lane == 0 && i < a.N)
        {
            float v = acc + bo[0];
            if (a.UseBiases != 0) v += userBias[users[i]] + movieBias[movies[i]];
            y[i] = v + a.Offset;
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
