using System.Collections;

namespace HybridRec.Data;

/// <summary>
/// The feature groups of one entity (items or users), in a fixed order and looked up by name. Every group has the
/// same number of rows. Immutable.
/// </summary>
public sealed class FeatureGroupCollection : IReadOnlyList<FeatureGroup>
{
    private readonly FeatureGroup[] _groups;
    private readonly Dictionary<string, FeatureGroup> _byName;

    /// <summary>Wraps <paramref name="groups"/> in order; names must be distinct and row counts equal.</summary>
    /// <exception cref="ArgumentException">Two groups share a name or their row counts differ.</exception>
    public FeatureGroupCollection(IEnumerable<FeatureGroup> groups)
    {
        ArgumentNullException.ThrowIfNull(groups);
        _groups = groups.ToArray();
        _byName = new Dictionary<string, FeatureGroup>(StringComparer.Ordinal);
        foreach (var g in _groups)
        {
            ArgumentNullException.ThrowIfNull(g, nameof(groups));
            if (!_byName.TryAdd(g.Name, g)) throw new ArgumentException($"two feature groups are named '{g.Name}'.", nameof(groups));
            if (g.Rows != _groups[0].Rows)
                throw new ArgumentException($"feature group '{g.Name}' has {g.Rows:N0} rows but '{_groups[0].Name}' has {_groups[0].Rows:N0}.", nameof(groups));
        }
    }

    /// <summary>No groups.</summary>
    public static FeatureGroupCollection Empty { get; } = new([]);

    /// <inheritdoc />
    public int Count => _groups.Length;

    /// <inheritdoc />
    public FeatureGroup this[int index] => _groups[index];

    /// <summary>The group named <paramref name="name"/>; throws <see cref="KeyNotFoundException"/> listing the names there are.</summary>
    public FeatureGroup this[string name] =>
        _byName.TryGetValue(name, out var g) ? g : throw new KeyNotFoundException($"no feature group named '{name}' (have: {Describe()}).");

    /// <summary>The group names in order.</summary>
    public IReadOnlyList<string> Names => _groups.Select(g => g.Name).ToArray();

    /// <summary>Whether a group named <paramref name="name"/> exists.</summary>
    public bool Contains(string name) => _byName.ContainsKey(name);

    /// <summary>Looks up a group by name.</summary>
    public bool TryGet(string name, [System.Diagnostics.CodeAnalysis.MaybeNullWhen(false)] out FeatureGroup group) => _byName.TryGetValue(name, out group);

    /// <summary>
    /// The groups named in <paramref name="names"/>, in that order; null selects every group. Throws
    /// <see cref="ArgumentException"/> naming an unknown or repeated name and the names there are.
    /// </summary>
    public FeatureGroupCollection Select(IReadOnlyList<string>? names)
    {
        if (names is null) return this;
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var result = new List<FeatureGroup>(names.Count);
        foreach (var n in names)
        {
            if (!seen.Add(n)) throw new ArgumentException($"feature group '{n}' is selected twice.", nameof(names));
            result.Add(_byName.TryGetValue(n, out var g) ? g : throw new ArgumentException($"no feature group named '{n}' (have: {Describe()}).", nameof(names)));
        }
        return new FeatureGroupCollection(result);
    }

    /// <inheritdoc />
    public IEnumerator<FeatureGroup> GetEnumerator() => ((IEnumerable<FeatureGroup>)_groups).GetEnumerator();

    IEnumerator IEnumerable.GetEnumerator() => _groups.GetEnumerator();

    private string Describe() => _groups.Length == 0 ? "none" : string.Join(", ", _groups.Select(g => g.Name));
}
