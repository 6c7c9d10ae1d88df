namespace HybridRec.Data.Synthetic;

/// <summary>
/// Cuts a run of users into consecutive blocks of roughly <see cref="TargetLines"/> lines each: the unit of
/// parallel work. Blocks only affect speed, never the bytes written.
/// </summary>
internal static class BlockPlan
{
    /// <summary>Lines per block aimed for (a block closes at the first user that reaches it).</summary>
    public const long TargetLines = 1 << 16;

    /// <summary>Block boundaries into <paramref name="counts"/>: block b covers items starts[b]..starts[b+1]−1.</summary>
    public static int[] Cut(ReadOnlySpan<int> counts)
    {
        var starts = new List<int> { 0 };
        long lines = 0;
        for (int i = 0; i < counts.Length; i++)
        {
            lines += counts[i];
            if (lines >= TargetLines && i + 1 < counts.Length)
            {
                starts.Add(i + 1);
                lines = 0;
            }
        }
        starts.Add(counts.Length);
        return [.. starts];
    }
}
