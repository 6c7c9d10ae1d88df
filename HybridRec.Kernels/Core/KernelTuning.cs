namespace HybridRec.Kernels;

/// <summary>
/// Chunking policy of the split reductions (DenseBackwardWeights, ColumnSums, BagBackward). The chunk count is a
/// pure function of the sizes and these numbers, so results are reproducible; tests lower the minimum chunk sizes
/// to exercise the multi-chunk paths on tiny inputs.
/// </summary>
internal sealed record KernelTuning
{
    /// <summary>Defaults for GPUs: at most 512 row chunks of at least 256 rows (n = 2^20 → 512 chunks of 2048 rows).</summary>
    public static KernelTuning Default { get; } = new();

    /// <summary>Smallest row chunk of the split row reductions.</summary>
    public int MinChunkRows { get; init; } = 256;

    /// <summary>Largest number of row chunks (partials kept in scratch).</summary>
    public int MaxChunks { get; init; } = 512;

    /// <summary>Smallest number of distinct movies per BagBackward group.</summary>
    public int MinChunkMovies { get; init; } = 16;

    /// <summary>
    /// Largest BagBackward scratch in floats for the global-memory variant (chunks × F × hDim): 16 Mi floats (64 MiB),
    /// so that 1000 tags × 25 still get <see cref="MaxChunks"/> chunks (each group walks ~59 of 30k distinct movies).
    /// </summary>
    public long MaxBagScratchFloats { get; init; } = 16L << 20;

    /// <summary>
    /// Largest F·hDim for which BagBackward accumulates in a shared-memory table (at most
    /// <see cref="BagKernels.SharedTableFloats"/>); larger vocabularies use the global-memory variant.
    /// </summary>
    public int MaxSharedBagFloats { get; init; } = BagKernels.SharedTableFloats;

    /// <summary>Rows per chunk and chunk count for a reduction over <paramref name="n"/> rows (≥ 1 chunk).</summary>
    public (int ChunkRows, int Chunks) RowChunks(int n, int multiple)
    {
        long perChunk = Math.Max(MinChunkRows, (n + (long)MaxChunks - 1) / MaxChunks);
        perChunk = (perChunk + multiple - 1) / multiple * multiple;
        int chunks = (int)Math.Max(1, (n + perChunk - 1) / perChunk);
        return ((int)perChunk, chunks);
    }
}
