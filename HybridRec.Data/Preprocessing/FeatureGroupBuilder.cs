namespace HybridRec.Data.Preprocessing;

/// <summary>
/// Collects the values of one feature group row by row and builds the <see cref="FeatureGroup"/>: the vocabulary is
/// sorted ordinally, repeated values of a row are kept once, and a categorical row keeps at most one value.
/// </summary>
internal sealed class FeatureGroupBuilder
{
    private readonly Dictionary<string, int> _ids = new(StringComparer.Ordinal);
    private readonly List<string> _values = [];
    private readonly List<long> _keys = [];
    private readonly Dictionary<int, int>? _categoricalValue;

    public FeatureGroupBuilder(string name, FeatureKind kind)
    {
        FeatureGroup.ValidateName(name);
        Name = name;
        Kind = kind;
        _categoricalValue = kind == FeatureKind.Categorical ? [] : null;
    }

    /// <summary>The group's name.</summary>
    public string Name { get; }

    /// <summary>Multi-hot or categorical.</summary>
    public FeatureKind Kind { get; }

    /// <summary>
    /// Gives row <paramref name="row"/> the value <paramref name="value"/> (non-empty). Returns false, adding nothing,
    /// when the group is categorical and the row already holds a different value.
    /// </summary>
    public bool Add(int row, string value)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(row);
        ArgumentException.ThrowIfNullOrEmpty(value);
        if (!_ids.TryGetValue(value, out int id))
        {
            id = _values.Count;
            _ids.Add(value, id);
            _values.Add(value);
        }
        if (_categoricalValue is not null)
        {
            if (_categoricalValue.TryGetValue(row, out int existing)) return existing == id;
            _categoricalValue.Add(row, id);
        }
        _keys.Add(CsrBuilder.Key(row, id));
        return true;
    }

    /// <summary>The value a categorical row holds, or null.</summary>
    public string? ValueOf(int row) => _categoricalValue is not null && _categoricalValue.TryGetValue(row, out int id) ? _values[id] : null;

    /// <summary>Builds the group over <paramref name="rows"/> rows (every row added must be below it).</summary>
    public FeatureGroup Build(int rows)
    {
        var order = Enumerable.Range(0, _values.Count).OrderBy(id => _values[id], StringComparer.Ordinal).ToArray();
        var column = new int[order.Length];
        for (int k = 0; k < order.Length; k++) column[order[k]] = k;
        var keys = new long[_keys.Count];
        for (int i = 0; i < keys.Length; i++)
        {
            long key = _keys[i];
            int row = (int)(key >> 32);
            if (row >= rows) throw new ArgumentOutOfRangeException(nameof(rows), $"feature group '{Name}' has a value for row {row} but only {rows} rows.");
            keys[i] = CsrBuilder.Key(row, column[(int)(key & 0xFFFF_FFFFL)]);
        }
        var values = CsrBuilder.Build(keys, keys.Length, rows, order.Select(id => _values[id]).ToArray(), out _);
        return new FeatureGroup(Name, Kind, values);
    }
}
