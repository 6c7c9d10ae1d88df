namespace HybridRec.Data.Preprocessing;

/// <summary>
/// The values of one feature group keyed by raw id (item or user), collected before the id map is known, and
/// built into a <see cref="FeatureGroup"/> over the map's indices. Ids the map lacks are counted, not kept.
/// </summary>
internal sealed class KeyedFeatureValues(string name, FeatureKind kind)
{
    private readonly List<(int RawId, string Value)> _values = [];
    private readonly Dictionary<int, string>? _categorical = kind == FeatureKind.Categorical ? [] : null;

    /// <summary>The group's name.</summary>
    public string Name { get; } = name;

    /// <summary>Multi-hot or categorical.</summary>
    public FeatureKind Kind { get; } = kind;

    /// <summary>
    /// Adds a value (trimmed, non-empty) for <paramref name="rawId"/>. Returns the value the id already holds when the
    /// group is categorical and it differs (nothing is added then), otherwise null.
    /// </summary>
    public string? Add(int rawId, string value)
    {
        if (_categorical is not null)
        {
            if (_categorical.TryGetValue(rawId, out var existing)) return existing == value ? null : existing;
            _categorical.Add(rawId, value);
        }
        _values.Add((rawId, value));
        return null;
    }

    /// <summary>The ids that have a value (with repetitions).</summary>
    public IEnumerable<int> Ids => _values.Select(v => v.RawId);

    /// <summary>Builds the group over the indices of <paramref name="rows"/>; values of ids not in it are not kept.</summary>
    public FeatureGroup Build(IdMap rows)
    {
        var builder = new FeatureGroupBuilder(Name, Kind);
        foreach (var (id, value) in _values)
            if (rows.TryGetIndex(id, out int row)) builder.Add(row, value);
        return builder.Build(rows.Count);
    }
}
