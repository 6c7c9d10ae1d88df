using ILGPU;

namespace HybridRec.Kernels;

public sealed partial class HybridKernels
{
    private readonly Action<KernelConfig, ArrayView<float>, ArrayView<float>, ReduceArgs> reducePartials;
    private readonly Action<KernelConfig, ArrayView<float>, ArrayView<float>, ArrayView<float>, ColumnArgs> columnPartials;
    private readonly Action<KernelConfig, ArrayView<float>, ArrayView<float>, ArrayView<float>, ArrayView<double>, int, float> msePartials;
    private readonly Action<KernelConfig, ArrayView<double>, ArrayView<double>, int> mseFinal;

    /// <summary>
    /// Column sums of a column range: <c>dst[j] = Σ_i src[i·ld + offset + j]</c> for j &lt; count. Overwrites.
    /// Two passes (row chunks → partials in scratch → summed in chunk order): deterministic.
    /// </summary>
    /// <param name="src">(n, ld) values.</param>
    /// <param name="ld">Leading dimension of <paramref name="src"/>.</param>
    /// <param name="offset">First column.</param>
    /// <param name="count">Columns.</param>
    /// <param name="n">Rows.</param>
    /// <param name="dst">(count) sums.</param>
    public void ColumnSums(ArrayView<float> src, int ld, int offset, int count, int n, ArrayView<float> dst) =>
        LaunchColumnSums(src, ld, offset, count, n, default, weighted: false, dst);

    /// <summary>
    /// Weighted column sums: <c>dst[j] = Σ_i weights[i]·src[i·ld + offset + j]</c> for j &lt; count (the weight gradient
    /// of a Dense layer with one output, <c>dW = dyᵀ·X</c>). Overwrites; deterministic like <see cref="ColumnSums"/>.
    /// </summary>
    /// <param name="src">(n, ld) values.</param>
    /// <param name="ld">Leading dimension of <paramref name="src"/>.</param>
    /// <param name="offset">First column.</param>
    /// <param name="count">Columns.</param>
    /// <param name="n">Rows.</param>
    /// <param name="weights">(n) row weights.</param>
    /// <param name="dst">(count) sums.</param>
    public void WeightedColumnSums(ArrayView<float> src, int ld, int offset, int count, int n, ArrayView<float> weights, ArrayView<float> dst)
    {
        Guard.Length(weights, n, nameof(weights));
        LaunchColumnSums(src, ld, offset, count, n, weights, weighted: true, dst);
    }

    private void LaunchColumnSums(ArrayView<float> src, int ld, int offset, int count, int n, ArrayView<float> weights, bool weighted, ArrayView<float> dst)
    {
        ThrowIfDisposed();
        Guard.Positive(count, nameof(count));
        Guard.NonNegative(n, nameof(n));
        Guard.Rows(src, n, ld, offset, count, nameof(src));
        Guard.Length(dst, count, nameof(dst));

        int tx = Math.Min(Math.Min(count, 32), GroupLimit);
        int ty = Math.Max(1, GroupLimit / tx);
        int tiles = (count + tx - 1) / tx;
        var (chunkRows, chunks) = Tuning.RowChunks(n, 1);
        var args = new ColumnArgs
        {
            Src = new Placement(ld, offset), Count = count, N = n, ChunkRows = chunkRows, ThreadsX = tx, ThreadsY = ty, TilesX = tiles,
            Weighted = weighted ? 1 : 0,
        };
        var partials = chunks == 1 ? dst : Scratch((long)chunks * count);   // (chunks, count)
        columnPartials(new KernelConfig(tiles * chunks, tx * ty), Arg(src), weighted ? Arg(weights) : Arg(src), Arg(partials), args);
        if (chunks > 1) LaunchReducePartials(partials, count, chunks, dst);
    }

    /// <summary>
    /// MSE loss gradient and loss: <c>dy[i] = gradScale·(y[i] − targets[i])</c> for i &lt; n, and
    /// <c>lossSum[0] += Σ_i (y[i] − targets[i])²</c> accumulated in double, deterministically (per-group partials in
    /// scratch, then one ordered final pass). No-op when n is 0.
    /// </summary>
    /// <param name="y">(n) predictions.</param>
    /// <param name="targets">(n) targets.</param>
    /// <param name="n">Samples.</param>
    /// <param name="gradScale">Scale of the gradient (2/B for the mean).</param>
    /// <param name="dy">(n) gradient output.</param>
    /// <param name="lossSum">(≥ 1) running sum of squared errors; element 0 is incremented.</param>
    public void MseLossGrad(ArrayView<float> y, ArrayView<float> targets, int n, float gradScale, ArrayView<float> dy, ArrayView<double> lossSum)
    {
        ThrowIfDisposed();
        Guard.NonNegative(n, nameof(n));
        Guard.Length(y, n, nameof(y));
        Guard.Length(targets, n, nameof(targets));
        Guard.Length(dy, n, nameof(dy));
        Guard.Length(lossSum, 1, nameof(lossSum));
        if (n == 0) return;
        int groups = (int)Math.Clamp((n + (long)GroupLimit - 1) / GroupLimit, 1, 1024);
        var partials = ScratchDouble(groups);
        msePartials(new KernelConfig(groups, GroupLimit), Arg(y), Arg(targets), Arg(dy), Arg(partials), n, gradScale);
        mseFinal(new KernelConfig(1, GroupLimit), Arg(partials), Arg(lossSum), groups);
    }
}
