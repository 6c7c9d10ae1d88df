using ILGPU;

namespace HybridRec.Kernels;

internal sealed partial class HybridKernels
{
    /// <summary>
    /// Multi-hot tower forward as an embedding bag:
    /// <c>output[i·ldOut + outOffset + h] = act(b[h] + Σ_{j ∈ feat(movies[i])} w[j·hDim + h])</c>, act = ReLU when
    /// <paramref name="relu"/>. Movies without features get act(b).
    /// </summary>
    /// <param name="w">(F, hDim) tower weights, input-major.</param>
    /// <param name="b">(hDim) bias.</param>
    /// <param name="hDim">Tower width.</param>
    /// <param name="featOffsets">(M+1) CSR offsets by movie.</param>
    /// <param name="featIndices">CSR feature indices (sorted, distinct per movie).</param>
    /// <param name="movies">(n) movie of each sample.</param>
    /// <param name="n">Samples.</param>
    /// <param name="output">(n, ldOut) destination.</param>
    /// <param name="ldOut">Leading dimension of <paramref name="output"/>.</param>
    /// <param name="outOffset">First destination column.</param>
    /// <param name="relu">Apply ReLU.</param>
    public void BagForward(ArrayView<float> w, ArrayView<float> b, int hDim, ArrayView<int> featOffsets, ArrayView<int> featIndices, ArrayView<int> movies, int n, ArrayView<float> output, int ldOut, int outOffset, bool relu)
    {
        ThrowIfDisposed();
        Guard.Positive(hDim, nameof(hDim));
        Guard.NonNegative(n, nameof(n));
        Guard.Length(b, hDim, nameof(b));
        Guard.Length(featOffsets, 1, nameof(featOffsets));
        Guard.Length(movies, n, nameof(movies));
        Guard.Rows(output, n, ldOut, outOffset, hDim, nameof(output));
        long work = Guard.Work((long)n * hDim, nameof(BagForward));
        if (work == 0) return;
        var args = new BagArgs { Io = new Placement(ldOut, outOffset), HDim = hDim, N = n, Relu = relu ? 1 : 0 };
        Launcher(BagFamily.BagForward)(Linear(work), Arg(w), Arg(b), Arg(featOffsets), Arg(featIndices), Arg(movies), Arg(output), args);
    }

    /// <summary>
    /// Multi-hot tower weight gradient from per-movie gradients:
    /// <c>dw[j·hDim + h] = Σ_k [j ∈ feat(rows[k])]·dh[k·ldDh + dhOffset + h]</c> over the k &lt; rowCount distinct movies
    /// of the batch. Overwrites all F rows (zeros where no movie has feature j); no-op when featureCount is 0.
    /// Deterministic: the k range is chunked, one group fills a private (F, hDim) partial table sequentially over its
    /// movies (threads over the movie's (feature, h) pairs; in shared memory when F·hDim ≤ 8192, else in scratch),
    /// then the partials are summed in chunk order.
    /// </summary>
    /// <param name="dh">(K, ldDh) compact per-movie gradients (row k belongs to movie rows[k]).</param>
    /// <param name="ldDh">Leading dimension of <paramref name="dh"/>.</param>
    /// <param name="dhOffset">First gradient column in <paramref name="dh"/>.</param>
    /// <param name="hDim">Tower width.</param>
    /// <param name="rows">(K) movie of each dh row.</param>
    /// <param name="rowCount">K.</param>
    /// <param name="featOffsets">(M+1) CSR offsets by movie.</param>
    /// <param name="featIndices">CSR feature indices; a movie's features must be distinct.</param>
    /// <param name="featureCount">F, the vocabulary size (may be 0).</param>
    /// <param name="dw">(F, hDim) gradient.</param>
    public void BagBackward(ArrayView<float> dh, int ldDh, int dhOffset, int hDim, ArrayView<int> rows, int rowCount, ArrayView<int> featOffsets, ArrayView<int> featIndices, int featureCount, ArrayView<float> dw)
    {
        ThrowIfDisposed();
        Guard.Positive(hDim, nameof(hDim));
        Guard.NonNegative(rowCount, nameof(rowCount));
        Guard.NonNegative(featureCount, nameof(featureCount));
        if (featureCount == 0) return;
        Guard.Rows(dh, rowCount, ldDh, dhOffset, hDim, nameof(dh));
        Guard.Length(rows, rowCount, nameof(rows));
        long size = Guard.Work((long)featureCount * hDim, nameof(BagBackward));
        Guard.Length(dw, size, nameof(dw));

        bool shared = size <= Math.Min(Tuning.MaxSharedBagFloats, BagKernels.SharedTableFloats);
        long maxChunks = shared
            ? Tuning.MaxChunks
            : Math.Clamp(Tuning.MaxBagScratchFloats / size, 1, Tuning.MaxChunks);
        int chunkMovies = (int)Math.Max(Tuning.MinChunkMovies, (rowCount + maxChunks - 1) / maxChunks);
        int chunks = Math.Max(1, (rowCount + chunkMovies - 1) / chunkMovies);
        var args = new BagArgs
        {
            Io = new Placement(ldDh, dhOffset), HDim = hDim, N = rowCount, FeatureCount = featureCount, ChunkMovies = chunkMovies,
        };
        var partials = chunks == 1 ? dw : Scratch(chunks * size);    // (chunks, F·hDim)
        var config = new KernelConfig(chunks, GroupLimit);
        if (shared) Launcher(BagFamily.BagBackwardShared)(config, Arg(dh), Arg(rows), Arg(featOffsets), Arg(featIndices), Arg(partials), args);
        else Launcher(BagFamily.BagBackwardGlobal)(config, Arg(dh), Arg(rows), Arg(featOffsets), Arg(featIndices), Arg(partials), args);
        if (chunks > 1) LaunchReducePartials(partials, (int)size, chunks, dw);
    }
}
