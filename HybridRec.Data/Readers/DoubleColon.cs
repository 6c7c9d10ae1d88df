namespace HybridRec.Data.Readers;

/// <summary>
/// Splits the lines of the <c>::</c>-separated files (ml-1m, ml-10m) on the two-character separator exactly,
/// leftmost first, so a single <c>:</c> inside a title is text.
/// </summary>
internal static class DoubleColon
{
    private static ReadOnlySpan<byte> Separator => "::"u8;

    /// <summary>
    /// Splits <paramref name="line"/>, filling at most <paramref name="fields"/>.Length ranges; returns the number of
    /// fields the line has (which may be more than were filled).
    /// </summary>
    public static int Split(ReadOnlySpan<byte> line, Span<Range> fields)
    {
        int count = 0, start = 0;
        while (true)
        {
            int at = line[start..].IndexOf(Separator);
            int end = at < 0 ? line.Length : start + at;
            if (count < fields.Length) fields[count] = start..end;
            count++;
            if (at < 0) return count;
            start = end + 2;
        }
    }

    /// <summary>
    /// Splits a line whose field <paramref name="freeText"/> is free text: fields before it are cut at the leftmost
    /// separators, fields after it at the rightmost ones, so a title or tag ending in <c>:</c> stays whole. Returns
    /// the number of fields as <see cref="Split"/> counts them; the ranges are valid only when that equals
    /// <paramref name="fields"/>.Length.
    /// </summary>
    public static int SplitAround(ReadOnlySpan<byte> line, Span<Range> fields, int freeText)
    {
        int count = Split(line, fields);
        if (count != fields.Length) return count;
        int end = line.Length;
        for (int k = fields.Length - 1; k > freeText; k--)
        {
            int at = line[..end].LastIndexOf(Separator);
            fields[k] = (at + 2)..end;
            end = at;
        }
        fields[freeText] = fields[freeText].Start..end;
        return count;
    }
}
