namespace HybridRec.Data.Readers;

/// <summary>Splits the lines of ml-100k's files on a one-byte separator (tab or <c>|</c>); no quoting.</summary>
internal static class SingleSeparator
{
    /// <summary>
    /// Splits <paramref name="line"/> on <paramref name="separator"/>, filling at most <paramref name="fields"/>.Length
    /// ranges; returns the number of fields the line has (which may be more than were filled).
    /// </summary>
    public static int Split(ReadOnlySpan<byte> line, Span<Range> fields, byte separator)
    {
        int count = 0, start = 0;
        while (true)
        {
            int at = line[start..].IndexOf(separator);
            int end = at < 0 ? line.Length : start + at;
            if (count < fields.Length) fields[count] = start..end;
            count++;
            if (at < 0) return count;
            start = end + 1;
        }
    }
}
