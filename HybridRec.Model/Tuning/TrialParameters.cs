using System.Collections;
using System.Diagnostics.CodeAnalysis;
using System.Globalization;

namespace HybridRec.Model.Tuning;

/// <summary>
/// The parameter values of one trial, by name, in the order they were given (the search space's order when a
/// sampler made them). Two instances are equal when they hold the same names in the same order with the same values.
/// </summary>
public sealed class TrialParameters : IReadOnlyDictionary<string, double>, IEquatable<TrialParameters>
{
    private readonly KeyValuePair<string, double>[] _items;
    private readonly Dictionary<string, double> _byName = new(StringComparer.Ordinal);

    /// <summary>Creates a set of parameter values.</summary>
    /// <exception cref="ArgumentException">A name is empty or repeated, or a value is not finite.</exception>
    public TrialParameters(IEnumerable<KeyValuePair<string, double>> values)
    {
        ArgumentNullException.ThrowIfNull(values);
        _items = values.ToArray();
        foreach (var (name, value) in _items)
        {
            if (string.IsNullOrWhiteSpace(name)) throw new ArgumentException("A parameter name is empty.", nameof(values));
            if (!double.IsFinite(value)) throw new ArgumentException($"Parameter '{name}' has the non-finite value {value}.", nameof(values));
            if (!_byName.TryAdd(name, value)) throw new ArgumentException($"Parameter '{name}' is given twice.", nameof(values));
        }
    }

    /// <summary>The value of parameter <paramref name="name"/>.</summary>
    /// <exception cref="KeyNotFoundException">There is no such parameter.</exception>
    public double Get(string name) =>
        _byName.TryGetValue(name, out double v) ? v : throw new KeyNotFoundException($"The trial has no parameter '{name}'.");

    /// <summary>The value of parameter <paramref name="name"/> as an integer.</summary>
    /// <exception cref="KeyNotFoundException">There is no such parameter.</exception>
    /// <exception cref="InvalidOperationException">The value is not a whole number in the range of <see cref="int"/>.</exception>
    public int GetInt(string name)
    {
        double v = Get(name);
        if (Math.Floor(v) != v || v < int.MinValue || v > int.MaxValue)
            throw new InvalidOperationException($"Parameter '{name}' = {v.ToString("R", CultureInfo.InvariantCulture)} is not an integer.");
        return (int)v;
    }

    /// <summary>The parameter names, in order.</summary>
    public IEnumerable<string> Keys => _items.Select(kv => kv.Key);

    /// <summary>The values, in order.</summary>
    public IEnumerable<double> Values => _items.Select(kv => kv.Value);

    /// <inheritdoc />
    public int Count => _items.Length;

    /// <inheritdoc />
    public double this[string key] => Get(key);

    /// <inheritdoc />
    public bool ContainsKey(string key) => _byName.ContainsKey(key);

    /// <inheritdoc />
    public bool TryGetValue(string key, [MaybeNullWhen(false)] out double value) => _byName.TryGetValue(key, out value);

    /// <inheritdoc />
    public IEnumerator<KeyValuePair<string, double>> GetEnumerator() => ((IEnumerable<KeyValuePair<string, double>>)_items).GetEnumerator();

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();

    /// <inheritdoc />
    public bool Equals(TrialParameters? other)
    {
        if (other is null || other._items.Length != _items.Length) return false;
        for (int i = 0; i < _items.Length; i++)
            if (_items[i].Key != other._items[i].Key || !_items[i].Value.Equals(other._items[i].Value)) return false;
        return true;
    }

    /// <inheritdoc />
    public override bool Equals(object? obj) => Equals(obj as TrialParameters);

    /// <inheritdoc />
    public override int GetHashCode()
    {
        var h = new HashCode();
        foreach (var (k, v) in _items) { h.Add(k); h.Add(v); }
        return h.ToHashCode();
    }

    /// <summary>The values as <c>name=value</c> pairs, invariant culture, round-trip precision.</summary>
    public override string ToString() =>
        string.Join(", ", _items.Select(kv => kv.Key + "=" + kv.Value.ToString("R", CultureInfo.InvariantCulture)));
}
