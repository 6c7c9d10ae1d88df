using ILGPU;

namespace HybridRec.Kernels;

internal sealed partial class HybridKernels
{
    /// <summary>
    /// Collaborative branch: <c>output[i·ldOut + outOffset] = Σ_d p[users[i]·dim + d]·q[movies[i]·dim + d]</c>.
    /// Each sample gets a sub-warp of up to 16 lanes that read its rows coalesced and combine with a fixed
    /// shuffle butterfly.
    /// </summary>
    /// <param name="p">(U, dim) user embeddings.</param>
    /// <param name="q">(M, dim) movie embeddings.</param>
    /// <param name="dim">Embedding size.</param>
    /// <param name="users">(n) user of each sample.</param>
    /// <param name="movies">(n) movie of each sample.</param>
    /// <param name="n">Samples.</param>
    /// <param name="output">(n, ldOut) destination.</param>
    /// <param name="ldOut">Leading dimension of <paramref name="output"/>.</param>
    /// <param name="outOffset">Destination column.</param>
    public void DotForward(ArrayView<float> p, ArrayView<float> q, int dim, ArrayView<int> users, ArrayView<int> movies, int n, ArrayView<float> output, int ldOut, int outOffset)
    {
        ThrowIfDisposed();
        Guard.Positive(dim, nameof(dim));
        Guard.NonNegative(n, nameof(n));
        Guard.Length(users, n, nameof(users));
        Guard.Length(movies, n, nameof(movies));
        Guard.Rows(output, n, ldOut, outOffset, 1, nameof(output));
        if (n == 0) return;
        var args = new PairArgs { Dim = dim, N = n, Out = new Placement(ldOut, outOffset) };
        Launcher(PairFamily.DotForward)(PairConfig(dim, n, ref args), Arg(p), Arg(q), Arg(users), Arg(movies), Arg(output), args);
    }

    /// <summary>
    /// Collaborative branch backward into per-sample buffers (overwrites):
    /// <c>dp[i·ldDp + dpOffset + d] = dz_i·q[movies[i]·dim + d]</c>, <c>dq[i·ldDq + dqOffset + d] = dz_i·p[users[i]·dim + d]</c>
    /// with <c>dz_i = dz[i·ldDz + dzOffset]</c>.
    /// </summary>
    /// <param name="dz">(n, ldDz) upstream gradient.</param>
    /// <param name="ldDz">Leading dimension of <paramref name="dz"/>.</param>
    /// <param name="dzOffset">Column of the gradient in <paramref name="dz"/>.</param>
    /// <param name="p">(U, dim) user embeddings.</param>
    /// <param name="q">(M, dim) movie embeddings.</param>
    /// <param name="dim">Embedding size.</param>
    /// <param name="users">(n) users.</param>
    /// <param name="movies">(n) movies.</param>
    /// <param name="n">Samples.</param>
    /// <param name="dp">(n, ldDp) per-sample user-embedding gradient.</param>
    /// <param name="ldDp">Leading dimension of <paramref name="dp"/>.</param>
    /// <param name="dpOffset">First column in <paramref name="dp"/>.</param>
    /// <param name="dq">(n, ldDq) per-sample movie-embedding gradient.</param>
    /// <param name="ldDq">Leading dimension of <paramref name="dq"/>.</param>
    /// <param name="dqOffset">First column in <paramref name="dq"/>.</param>
    public void DotBackward(ArrayView<float> dz, int ldDz, int dzOffset, ArrayView<float> p, ArrayView<float> q, int dim, ArrayView<int> users, ArrayView<int> movies, int n, ArrayView<float> dp, int ldDp, int dpOffset, ArrayView<float> dq, int ldDq, int dqOffset)
    {
        ThrowIfDisposed();
        Guard.Positive(dim, nameof(dim));
        Guard.NonNegative(n, nameof(n));
        Guard.Rows(dz, n, ldDz, dzOffset, 1, nameof(dz));
        Guard.Length(users, n, nameof(users));
        Guard.Length(movies, n, nameof(movies));
        Guard.Rows(dp, n, ldDp, dpOffset, dim, nameof(dp));
        Guard.Rows(dq, n, ldDq, dqOffset, dim, nameof(dq));
        long work = Guard.Work((long)n * dim, nameof(DotBackward));
        if (work == 0) return;
        var args = new DotBackwardArgs
        {
            Dz = new Placement(ldDz, dzOffset), Dp = new Placement(ldDp, dpOffset), Dq = new Placement(ldDq, dqOffset), Dim = dim, N = n,
        };
        Launcher(PairFamily.DotBackward)(Linear(work), Arg(dz), Arg(p), Arg(q), Arg(users), Arg(movies), Arg(dp), Arg(dq), args);
    }

    /// <summary>
    /// Output layer: <c>y[i] = Σ_k wo[k]·c[i·ldC + k] + bo[0] + (useBiases ? userBias[users[i]] + movieBias[movies[i]] : 0) + offset</c>
    /// for k &lt; width. The bias views (and users/movies) may be empty when <paramref name="useBiases"/> is false.
    /// </summary>
    /// <param name="c">(n, ldC) concatenation, columns [0, width).</param>
    /// <param name="ldC">Leading dimension of <paramref name="c"/>.</param>
    /// <param name="width">K, the concatenation width.</param>
    /// <param name="n">Samples.</param>
    /// <param name="wo">(width) output weights.</param>
    /// <param name="bo">(1) output bias.</param>
    /// <param name="useBiases">Add the per-user and per-movie biases.</param>
    /// <param name="userBias">(U) user biases.</param>
    /// <param name="movieBias">(M) movie biases.</param>
    /// <param name="users">(n) users.</param>
    /// <param name="movies">(n) movies.</param>
    /// <param name="offset">Fixed offset μ.</param>
    /// <param name="y">(n) predictions.</param>
    public void OutputForward(ArrayView<float> c, int ldC, int width, int n, ArrayView<float> wo, ArrayView<float> bo, bool useBiases, ArrayView<float> userBias, ArrayView<float> movieBias, ArrayView<int> users, ArrayView<int> movies, float offset, ArrayView<float> y)
    {
        ThrowIfDisposed();
        Guard.Positive(width, nameof(width));
        Guard.NonNegative(n, nameof(n));
        Guard.Rows(c, n, ldC, 0, width, nameof(c));
        Guard.Length(wo, width, nameof(wo));
        Guard.Length(bo, 1, nameof(bo));
        Guard.Length(y, n, nameof(y));
        if (useBiases)
        {
            Guard.Length(users, n, nameof(users));
            Guard.Length(movies, n, nameof(movies));
        }
        if (n == 0) return;
        var args = new PairArgs { Dim = width, N = n, Out = new Placement(ldC, 0), UseBiases = useBiases ? 1 : 0, Offset = offset };
        var ub = useBiases ? userBias : bo;
        var mb = useBiases ? movieBias : bo;
        var us = useBiases ? users : ArrayView<int>.Empty;
        var ms = useBiases ? movies : ArrayView<int>.Empty;
        Launcher(PairFamily.OutputForward)(PairConfig(width, n, ref args), Arg(c), Arg(wo), Arg(bo), Arg(ub), Arg(mb), Arg(us), Arg(ms), Arg(y), args);
    }

    /// <summary>
    /// Backward of a one-output Dense layer over a concatenation, fused with the ReLU masks of its inputs:
    /// <c>dc[i·ldDc + k] = dy[i]·wo[k]</c> for k &lt; maskFrom and <c>dy[i]·wo[k]·[c[i·ldC + k] &gt; 0]</c> for
    /// maskFrom ≤ k &lt; width. Overwrites columns [0, width) of dc. Equals <see cref="DenseBackwardInput"/> with one
    /// output followed by the ReLU backward masks on [maskFrom, width), in one pass.
    /// </summary>
    /// <param name="dy">(n) output gradient.</param>
    /// <param name="wo">(width) weights.</param>
    /// <param name="width">Inputs of the layer.</param>
    /// <param name="maskFrom">First column behind a ReLU.</param>
    /// <param name="c">(n, ldC) the layer's inputs (ReLU outputs from maskFrom on).</param>
    /// <param name="ldC">Leading dimension of c.</param>
    /// <param name="n">Rows.</param>
    /// <param name="dc">(n, ldDc) input gradient.</param>
    /// <param name="ldDc">Leading dimension of dc.</param>
    public void OutputBackward(ArrayView<float> dy, ArrayView<float> wo, int width, int maskFrom, ArrayView<float> c, int ldC, int n, ArrayView<float> dc, int ldDc)
    {
        ThrowIfDisposed();
        Guard.NonNegative(n, nameof(n));
        Guard.Positive(width, nameof(width));
        if (maskFrom < 0 || maskFrom > width) throw new ArgumentOutOfRangeException(nameof(maskFrom), maskFrom, $"must be in [0, {width}].");
        Guard.Length(dy, n, nameof(dy));
        Guard.Length(wo, width, nameof(wo));
        Guard.Rows(c, n, ldC, 0, width, nameof(c));
        Guard.Rows(dc, n, ldDc, 0, width, nameof(dc));
        long work = Guard.Work((long)n * width, nameof(OutputBackward));
        if (work == 0) return;
        Launcher(PairFamily.OutputBackward)(Linear(work), Arg(dy), Arg(wo), Arg(c), Arg(dc), width, maskFrom, ldC, ldDc, n);
    }

    /// <summary>Sub-warp size (power of two ≤ min(16, warp), no wider than the row) and an exact grid over samples.</summary>
    private KernelConfig PairConfig(int rowLength, int n, ref PairArgs args)
    {
        var config = SubWarpConfig(rowLength, n, out int lanes);
        args.Lanes = lanes;
        return config;
    }

    /// <summary>
    /// A sub-warp of <paramref name="lanes"/> lanes (power of two ≤ min(16, warp, group), no wider than the row) per
    /// item and an exact grid over <paramref name="items"/> items, so that every lane reaches the shuffles.
    /// </summary>
    private KernelConfig SubWarpConfig(int rowLength, long items, out int lanes)
    {
        lanes = Math.Min(Math.Min(16, WarpSize), SmallestPowerOfTwoAtLeast(rowLength));
        lanes = LargestPowerOfTwoAtMost(Math.Min(lanes, GroupLimit));
        int perGroup = GroupLimit / lanes;
        long groups = (items + perGroup - 1) / perGroup;
        if (groups > MaxGrid) throw new ArgumentException($"{items} items need {groups} groups, more than the accelerator's {MaxGrid}.");
        return new KernelConfig((int)groups, GroupLimit);
    }
}
