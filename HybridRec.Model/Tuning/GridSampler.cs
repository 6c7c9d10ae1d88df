namespace HybridRec.Model.Tuning;

/// <summary>
/// Exhaustive search over the cartesian product of per-parameter value lists, in a fixed order: like nested
/// loops in the order of the parameters, the first parameter outermost and the last one varying fastest. Suggestion
/// <c>n</c> is grid point <c>n = history.Count</c>; asking for more than <see cref="Count"/> points throws.
/// </summary>
public sealed class GridSampler : ISampler
{
    private readonly ChoiceParameter[] _axes;

    /// <summary>Creates a grid over a space whose parameters are all <see cref="ChoiceParameter"/>s.</summary>
    /// <exception cref="ArgumentException">A parameter is not a choice parameter.</exception>
    /// <exception cref="OverflowException">The grid has more than <see cref="int.MaxValue"/> points.</exception>
    public GridSampler(SearchSpace space)
    {
        ArgumentNullException.ThrowIfNull(space);
        _axes = space.Select(p => p as ChoiceParameter
            ?? throw new ArgumentException($"A grid needs value lists: parameter '{p.Name}' is {p}, not a choice.", nameof(space))).ToArray();
        Space = space;
        int count = 1;
        foreach (var axis in _axes) count = checked(count * axis.Values.Count);
        Count = count;
    }

    /// <summary>Creates a grid from an explicit value list per name (each list as for a <see cref="ChoiceParameter"/>).</summary>
    public GridSampler(params IEnumerable<(string Name, double[] Values)> axes)
        : this(new SearchSpace((axes ?? throw new ArgumentNullException(nameof(axes))).Select(a => new ChoiceParameter(a.Name, a.Values))))
    {
    }

    /// <summary>The grid's axes as a search space of choice parameters.</summary>
    public SearchSpace Space { get; }

    /// <summary>Number of grid points (the product of the value-list lengths).</summary>
    public int Count { get; }

    /// <summary>Grid point <paramref name="index"/> in the documented order (last parameter fastest).</summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="index"/> is not in [0, <see cref="Count"/>).</exception>
    public TrialParameters GetPoint(int index)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(index);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(index, Count);
        var values = new KeyValuePair<string, double>[_axes.Length];
        for (int i = _axes.Length - 1; i >= 0; i--)
        {
            int size = _axes[i].Values.Count;
            values[i] = new(_axes[i].Name, _axes[i].Values[index % size]);
            index /= size;
        }
        return new TrialParameters(values);
    }

    /// <inheritdoc />
    /// <exception cref="InvalidOperationException">All <see cref="Count"/> points have been suggested.</exception>
    public TrialParameters Suggest(IReadOnlyList<TrialResult> history)
    {
        ArgumentNullException.ThrowIfNull(history);
        if (history.Count >= Count)
            throw new InvalidOperationException($"The grid of {Count} points is exhausted ({history.Count} trials already ran).");
        return GetPoint(history.Count);
    }
}
