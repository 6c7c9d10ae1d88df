namespace HybridRec.Model.Training;

/// <summary>
/// Per-batch segment lists over one index column (users or items) of an <see cref="EpochPlan"/>
/// (docs/design.md §5). For batch <c>b</c> of <c>n</c> samples with <c>K</c> distinct rows:
/// <list type="bullet">
/// <item><c>Rows[b·B .. b·B+K)</c>: the distinct rows, ascending;</item>
/// <item><c>Offsets[b·(B+1) .. b·(B+1)+K+1)</c>: start of each row's samples, the last one is <c>n</c>;</item>
/// <item><c>Samples[b·B .. b·B+n)</c>: batch-local sample positions ordered by (row, position).</item>
/// </list>
/// Fixed strides let every batch be built independently (in parallel) and sliced without a prefix sum.
/// </summary>
internal sealed class SegmentTable
{
    internal SegmentTable(int batchSize, int batchCount, int sampleCount)
    {
        BatchSize = batchSize;
        BatchCount = batchCount;
        Rows = new int[sampleCount];
        Samples = new int[sampleCount];
        Offsets = new int[sampleCount + batchCount];
        RowCounts = new int[batchCount];
        SegmentOf = new int[sampleCount];
    }

    /// <summary>Batch size B (the stride).</summary>
    public int BatchSize { get; }

    /// <summary>Number of batches.</summary>
    public int BatchCount { get; }

    /// <summary>Distinct rows per batch, at stride B.</summary>
    public int[] Rows { get; }

    /// <summary>Segment offsets per batch, at stride B+1.</summary>
    public int[] Offsets { get; }

    /// <summary>Batch-local sample positions per batch, at stride B.</summary>
    public int[] Samples { get; }

    /// <summary>Per sample (in epoch order), the index of its segment within its batch: the inverse of <see cref="Samples"/>.</summary>
    public int[] SegmentOf { get; }

    /// <summary>Number of distinct rows K of each batch.</summary>
    public int[] RowCounts { get; }

    /// <summary>Start of batch <paramref name="batch"/>'s rows in <see cref="Rows"/>.</summary>
    public int RowStart(int batch) => batch * BatchSize;

    /// <summary>Start of batch <paramref name="batch"/>'s offsets in <see cref="Offsets"/>.</summary>
    public int OffsetStart(int batch) => batch * (BatchSize + 1);

    /// <summary>The distinct rows of a batch.</summary>
    public ReadOnlySpan<int> RowsOf(int batch) => Rows.AsSpan(RowStart(batch), RowCounts[batch]);

    /// <summary>The K+1 offsets of a batch.</summary>
    public ReadOnlySpan<int> OffsetsOf(int batch) => Offsets.AsSpan(OffsetStart(batch), RowCounts[batch] + 1);

    /// <summary>The ordered sample positions of a batch of <paramref name="length"/> samples.</summary>
    public ReadOnlySpan<int> SamplesOf(int batch, int length) => Samples.AsSpan(RowStart(batch), length);

    /// <summary>
    /// Builds the segments of one batch from its keys (row per sample). Uses a counting sort when the batch is
    /// large relative to <paramref name="rowUniverse"/>, otherwise a comparison sort of packed keys; both give
    /// the same result.
    /// </summary>
    internal void BuildBatch(int batch, ReadOnlySpan<int> keys, int rowUniverse, int[]? countScratch)
    {
        int n = keys.Length;
        var rows = Rows.AsSpan(RowStart(batch), n);
        var offsets = Offsets.AsSpan(OffsetStart(batch), n + 1);
        var samples = Samples.AsSpan(RowStart(batch), n);
        int k;
        if (countScratch is not null && countScratch.Length >= rowUniverse + 1)
            k = BuildByCounting(keys, rowUniverse, countScratch, rows, offsets, samples);
        else
            k = BuildBySorting(keys, rows, offsets, samples);
        RowCounts[batch] = k;
        var segmentOf = SegmentOf.AsSpan(RowStart(batch), n);
        for (int r = 0; r < k; r++)
            for (int s = offsets[r]; s < offsets[r + 1]; s++) segmentOf[samples[s]] = r;
    }

    internal static int BuildBySorting(ReadOnlySpan<int> keys, Span<int> rows, Span<int> offsets, Span<int> samples)
    {
        int n = keys.Length;
        if (n == 0) { offsets[0] = 0; return 0; }
        long[] packed = System.Buffers.ArrayPool<long>.Shared.Rent(n);
        try
        {
            for (int i = 0; i < n; i++) packed[i] = ((long)keys[i] << 32) | (uint)i;
            Array.Sort(packed, 0, n);
            int k = 0;
            int previous = -1;
            for (int s = 0; s < n; s++)
            {
                int row = (int)(packed[s] >> 32);
                samples[s] = (int)(packed[s] & 0xFFFFFFFF);
                if (row != previous)
                {
                    rows[k] = row;
                    offsets[k] = s;
                    k++;
                    previous = row;
                }
            }
            offsets[k] = n;
            return k;
        }
        finally
        {
            System.Buffers.ArrayPool<long>.Shared.Return(packed);
        }
    }

    internal static int BuildByCounting(ReadOnlySpan<int> keys, int rowUniverse, int[] counts, Span<int> rows, Span<int> offsets, Span<int> samples)
    {
        int n = keys.Length;
        var c = counts.AsSpan(0, rowUniverse + 1);
        c.Clear();
        for (int i = 0; i < n; i++) c[keys[i] + 1]++;
        int k = 0;
        for (int r = 0; r < rowUniverse; r++)
        {
            int cnt = c[r + 1];
            if (cnt > 0)
            {
                rows[k] = r;
                offsets[k] = c[r];
                k++;
            }
            c[r + 1] += c[r]; // prefix: c[r] = start of row r
        }
        offsets[k] = n;
        // c[r] now holds the start of row r; place positions in ascending order (stable).
        for (int i = 0; i < n; i++) samples[c[keys[i]]++] = i;
        return k;
    }
}
