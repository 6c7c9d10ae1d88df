using ILGPU;

namespace HybridRec.Kernels;

internal sealed partial class HybridKernels
{
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
        Launcher(ReductionFamily.ColumnPartials)(new KernelConfig(tiles * chunks, tx * ty), Arg(src), weighted ? Arg(weights) : Arg(src), Arg(partials), args);
        if (chunks > 1) LaunchReducePartials(partials, count, chunks, dst);
    }

    /// <summary>Sums <paramref name="chunks"/> partials of <paramref name="count"/> values each (stride count) in chunk order.</summary>
    private void LaunchReducePartials(ArrayView<float> partials, int count, int chunks, ArrayView<float> output)
    {
        int tx = Math.Min(Math.Min(count, 32), GroupLimit);
        int ty = Math.Max(1, Math.Min(GroupLimit / tx, chunks));
        var args = new ReduceArgs
        {
            Count = count, Chunks = chunks, ChunkStride = count, OutOffset = 0, ThreadsX = tx, ThreadsY = ty,
        };
        int groups = (count + tx - 1) / tx;
        Launcher(ReductionFamily.ReducePartials)(new KernelConfig(groups, tx * ty), Arg(partials), Arg(output), args);
    }
}
