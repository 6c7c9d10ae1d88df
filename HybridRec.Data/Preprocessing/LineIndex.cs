namespace HybridRec.Data.Preprocessing;

/// <summary>
/// Remembers the file line of every record of a large file without storing one number per record: records
/// usually sit on consecutive lines, so only the places where the gap changes (blank lines, records spanning
/// several lines) are stored.
/// </summary>
internal sealed class LineIndex
{
    private readonly List<int> _starts = [];
    private readonly List<long> _deltas = [];
    private long _lastDelta = long.MinValue;

    /// <summary>Records that record <paramref name="index"/> (records are added in order) starts on <paramref name="line"/>.</summary>
    public void Add(int index, long line)
    {
        long delta = line - index;
        if (delta == _lastDelta) return;
        _starts.Add(index);
        _deltas.Add(delta);
        _lastDelta = delta;
    }

    /// <summary>The line of record <paramref name="index"/>.</summary>
    public long LineOf(int index)
    {
        int k = _starts.BinarySearch(index);
        if (k < 0) k = ~k - 1;
        return k < 0 ? 0 : index + _deltas[k];
    }
}
