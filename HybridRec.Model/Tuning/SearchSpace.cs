using System.Collections;

namespace HybridRec.Model.Tuning;

/// <summary>
/// An ordered, validated list of named parameters to search over: at least one parameter, names unique
/// (ordinal comparison). The order fixes the column order of reports and the nesting order of grids.
/// </summary>
public sealed class SearchSpace : IReadOnlyList<SearchParameter>
{
    private readonly SearchParameter[] _parameters;
    private readonly Dictionary<string, SearchParameter> _byName = new(StringComparer.Ordinal);

    /// <summary>Creates a search space from its parameters, in order.</summary>
    /// <exception cref="ArgumentException">No parameters, a null parameter, or a repeated name.</exception>
    public SearchSpace(params IEnumerable<SearchParameter> parameters)
    {
        ArgumentNullException.ThrowIfNull(parameters);
        _parameters = parameters.ToArray();
        if (_parameters.Length == 0) throw new ArgumentException("A search space needs at least one parameter.", nameof(parameters));
        for (int i = 0; i < _parameters.Length; i++)
        {
            var p = _parameters[i] ?? throw new ArgumentException($"Parameter {i} is null.", nameof(parameters));
            if (!_byName.TryAdd(p.Name, p))
                throw new ArgumentException($"Parameter name '{p.Name}' is used twice.", nameof(parameters));
        }
    }

    /// <summary>The parameter with the given name.</summary>
    /// <exception cref="KeyNotFoundException">No parameter has that name.</exception>
    public SearchParameter this[string name] =>
        _byName.TryGetValue(name, out var p) ? p : throw new KeyNotFoundException($"The search space has no parameter '{name}'.");

    /// <inheritdoc />
    public SearchParameter this[int index] => _parameters[index];

    /// <inheritdoc />
    public int Count => _parameters.Length;

    /// <summary>Whether <paramref name="parameters"/> holds a legal value for every parameter of this space.</summary>
    public bool Contains(TrialParameters parameters)
    {
        ArgumentNullException.ThrowIfNull(parameters);
        foreach (var p in _parameters)
            if (!parameters.TryGetValue(p.Name, out double v) || !p.Contains(v)) return false;
        return true;
    }

    /// <summary>Throws, naming the trial and parameter, unless every parameter of the space has a legal value.</summary>
    internal void Check(TrialParameters parameters, string context)
    {
        ArgumentNullException.ThrowIfNull(parameters);
        foreach (var p in _parameters)
        {
            if (!parameters.TryGetValue(p.Name, out double v))
                throw new ArgumentException($"{context}: parameter '{p.Name}' is missing.");
            p.Check(v, context);
        }
    }

    /// <inheritdoc />
    public IEnumerator<SearchParameter> GetEnumerator() => ((IEnumerable<SearchParameter>)_parameters).GetEnumerator();

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();

    /// <inheritdoc />
    public override string ToString() => string.Join("; ", _parameters.Select(p => p.ToString()));
}
