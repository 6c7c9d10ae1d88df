namespace HybridRec.Data;

/// <summary>
/// A bijection between raw ids (as they appear in the files: user, movie or item ids) and contiguous indices
/// 0..<see cref="Count"/>-1 used by the model. Indices follow ascending raw id, so a map depends only on the
/// set of ids, never on the order of lines in a file.
/// </summary>
public sealed class IdMap
{
    private readonly int[] _rawIds;
    private readonly Dictionary<int, int> _index;

    private IdMap(int[] sortedDistinctRawIds)
    {
        _rawIds = sortedDistinctRawIds;
        _index = new Dictionary<int, int>(_rawIds.Length);
        for (int i = 0; i < _rawIds.Length; i++) _index.Add(_rawIds[i], i);
    }

    /// <summary>Builds a map from raw ids; duplicates are allowed and collapse to one index.</summary>
    public static IdMap FromRawIds(IEnumerable<int> rawIds)
    {
        ArgumentNullException.ThrowIfNull(rawIds);
        var ids = rawIds.Distinct().ToArray();
        Array.Sort(ids);
        return new IdMap(ids);
    }

    /// <summary>Number of distinct ids.</summary>
    public int Count => _rawIds.Length;

    /// <summary>Raw ids in index order (ascending).</summary>
    public ReadOnlySpan<int> RawIds => _rawIds;

    /// <summary>The index of <paramref name="rawId"/>; throws <see cref="KeyNotFoundException"/> naming the id when unknown.</summary>
    public int GetIndex(int rawId) =>
        _index.TryGetValue(rawId, out int index) ? index : throw new KeyNotFoundException($"id {rawId} is not in this map ({Count} ids).");

    /// <summary>Looks up the index of <paramref name="rawId"/>.</summary>
    public bool TryGetIndex(int rawId, out int index) => _index.TryGetValue(rawId, out index);

    /// <summary>Whether <paramref name="rawId"/> is in the map.</summary>
    public bool Contains(int rawId) => _index.ContainsKey(rawId);

    /// <summary>The raw id at <paramref name="index"/>.</summary>
    public int GetRawId(int index) => _rawIds[index];
}
