using ILGPU;

namespace HybridRec.Kernels;

internal sealed partial class HybridKernels
{
    /// <summary>
    /// Gathers embedding rows into a column range of a batch buffer:
    /// <c>output[i·ldOut + outOffset + d] = table[indices[i]·dim + d]</c> for i &lt; n, d &lt; dim.
    /// </summary>
    /// <param name="table">(R, dim) embedding table.</param>
    /// <param name="dim">Row width.</param>
    /// <param name="indices">(n) row of each sample.</param>
    /// <param name="n">Samples.</param>
    /// <param name="output">(n, ldOut) destination.</param>
    /// <param name="ldOut">Leading dimension of <paramref name="output"/>.</param>
    /// <param name="outOffset">First destination column.</param>
    public void GatherRows(ArrayView<float> table, int dim, ArrayView<int> indices, int n, ArrayView<float> output, int ldOut, int outOffset)
    {
        ThrowIfDisposed();
        Guard.Positive(dim, nameof(dim));
        Guard.NonNegative(n, nameof(n));
        Guard.Length(indices, n, nameof(indices));
        Guard.Rows(output, n, ldOut, outOffset, dim, nameof(output));
        long work = Guard.Work((long)n * dim, nameof(GatherRows));
        if (work == 0) return;
        Launcher(EmbeddingFamily.GatherRows)(Linear(work), Arg(table), Arg(indices), Arg(output), dim, n, new Placement(ldOut, outOffset));
    }

    /// <summary>
    /// Deterministic per-row gradient sums over a segment list (design.md §5). For k &lt; rowCount:
    /// <c>dst[rows[k]·dim + d] = Σ_{s=offsets[k]}^{offsets[k+1]−1} src[samples[s]·ldSrc + srcOffset + d]</c>
    /// summed in s order, plus <c>(offsets[k+1] − offsets[k])·l2Scale·param[rows[k]·dim + d]</c> when
    /// <paramref name="l2Scale"/> ≠ 0. Overwrites those rows of <paramref name="dst"/> only.
    /// </summary>
    /// <param name="src">(B, ldSrc) per-sample gradients.</param>
    /// <param name="ldSrc">Leading dimension of <paramref name="src"/>.</param>
    /// <param name="srcOffset">First column of the gradient in <paramref name="src"/>.</param>
    /// <param name="dim">Row width.</param>
    /// <param name="rows">(K) distinct destination rows.</param>
    /// <param name="offsets">(K+1) segment starts into <paramref name="samples"/>.</param>
    /// <param name="samples">Batch-local sample positions, grouped by row.</param>
    /// <param name="rowCount">K, the number of segments.</param>
    /// <param name="dst">(R, dim) whole gradient table.</param>
    /// <param name="param">(R, dim) whole parameter table (read for the L2 term only; may be empty when l2Scale is 0).</param>
    /// <param name="l2Scale">Per-occurrence L2 factor (2λe/B), or 0.</param>
    public void SegmentSumRows(ArrayView<float> src, int ldSrc, int srcOffset, int dim, ArrayView<int> rows, ArrayView<int> offsets, ArrayView<int> samples, int rowCount, ArrayView<float> dst, ArrayView<float> param, float l2Scale)
    {
        ThrowIfDisposed();
        Guard.Positive(dim, nameof(dim));
        Guard.NonNegative(rowCount, nameof(rowCount));
        if (ldSrc < srcOffset + (long)dim) throw new ArgumentException($"src: columns [{srcOffset}, {srcOffset + dim}) do not fit in ldSrc {ldSrc}.", nameof(src));
        Guard.Length(rows, rowCount, nameof(rows));
        Guard.Length(offsets, rowCount + 1L, nameof(offsets));
        if (l2Scale != 0f && param.Length != dst.Length)
            throw new ArgumentException($"param must be the whole (R, dim) table like dst ({dst.Length} elements), has {param.Length}.", nameof(param));
        long work = Guard.Work((long)rowCount * dim, nameof(SegmentSumRows));
        if (work == 0) return;
        var args = new SegmentArgs { Src = new Placement(ldSrc, srcOffset), Dim = dim, RowCount = rowCount, L2Scale = l2Scale, Compact = 0 };
        Launcher(EmbeddingFamily.SegmentSum)(Linear(work), Arg(src), Arg(rows), Arg(offsets), Arg(samples), Arg(dst), Arg(l2Scale != 0f ? param : dst), args);
    }

    /// <summary>
    /// As <see cref="SegmentSumRows"/> but into a compact (K, dim) buffer and without the L2 term:
    /// <c>dst[k·dim + d] = Σ_{s ∈ segment k} src[samples[s]·ldSrc + srcOffset + d]</c>, summed in s order.
    /// </summary>
    /// <param name="src">(B, ldSrc) per-sample values.</param>
    /// <param name="ldSrc">Leading dimension of <paramref name="src"/>.</param>
    /// <param name="srcOffset">First column in <paramref name="src"/>.</param>
    /// <param name="dim">Row width.</param>
    /// <param name="offsets">(K+1) segment starts.</param>
    /// <param name="samples">Sample positions grouped by segment.</param>
    /// <param name="rowCount">K.</param>
    /// <param name="dst">(K, dim) destination.</param>
    public void SegmentSumCompact(ArrayView<float> src, int ldSrc, int srcOffset, int dim, ArrayView<int> offsets, ArrayView<int> samples, int rowCount, ArrayView<float> dst)
    {
        ThrowIfDisposed();
        Guard.Positive(dim, nameof(dim));
        Guard.NonNegative(rowCount, nameof(rowCount));
        if (ldSrc < srcOffset + (long)dim) throw new ArgumentException($"src: columns [{srcOffset}, {srcOffset + dim}) do not fit in ldSrc {ldSrc}.", nameof(src));
        Guard.Length(offsets, rowCount + 1L, nameof(offsets));
        Guard.Length(dst, (long)rowCount * dim, nameof(dst));
        long work = Guard.Work((long)rowCount * dim, nameof(SegmentSumCompact));
        if (work == 0) return;
        var args = new SegmentArgs { Src = new Placement(ldSrc, srcOffset), Dim = dim, RowCount = rowCount, L2Scale = 0f, Compact = 1 };
        Launcher(EmbeddingFamily.SegmentSum)(Linear(work), Arg(src), Arg(offsets), Arg(offsets), Arg(samples), Arg(dst), Arg(dst), args);
    }
}
