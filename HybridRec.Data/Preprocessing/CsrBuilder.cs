namespace HybridRec.Data.Preprocessing;

/// <summary>Builds <see cref="SparseFeatures"/> from (row, column) pairs packed as <c>row &lt;&lt; 32 | column</c>.</summary>
internal static class CsrBuilder
{
    /// <summary>
    /// Sorts and de-duplicates <paramref name="keys"/> (in place; the first <paramref name="count"/> are used) and
    /// builds the matrix. Returns the number of distinct pairs.
    /// </summary>
    public static SparseFeatures Build(long[] keys, int count, int rows, IReadOnlyList<string> vocabulary, out int distinct)
    {
        var span = keys.AsSpan(0, count);
        span.Sort();
        int d = 0;
        for (int i = 0; i < span.Length; i++)
        {
            if (d == 0 || span[i] != span[d - 1]) span[d++] = span[i];
        }
        distinct = d;
        var offsets = new int[rows + 1];
        var indices = new int[d];
        for (int i = 0; i < d; i++)
        {
            offsets[(int)(span[i] >> 32) + 1]++;
            indices[i] = (int)(span[i] & 0xFFFF_FFFFL);
        }
        for (int r = 0; r < rows; r++) offsets[r + 1] += offsets[r];
        return SparseFeatures.Own(offsets, indices, vocabulary);
    }

    /// <summary>Packs a (row, column) pair.</summary>
    public static long Key(int row, int column) => ((long)row << 32) | (uint)column;
}
