using System.Globalization;

namespace HybridRec.Model.Tuning;

/// <summary>
/// A categorical parameter over a list of numeric values (for example batch sizes 64, 128, 256). The values are
/// unordered as far as the samplers are concerned; the order given is kept for grids and reports.
/// </summary>
public sealed class ChoiceParameter : SearchParameter
{
    private readonly double[] _values;

    /// <summary>Creates a categorical parameter.</summary>
    /// <param name="name">Unique name within the search space.</param>
    /// <param name="values">The values, at least one, finite and distinct.</param>
    public ChoiceParameter(string name, params double[] values) : base(name)
    {
        ArgumentNullException.ThrowIfNull(values);
        if (values.Length == 0) throw new ArgumentException($"Parameter '{name}' has no values.", nameof(values));
        for (int i = 0; i < values.Length; i++)
        {
            if (!double.IsFinite(values[i]))
                throw new ArgumentException($"Parameter '{name}': value {i} ({values[i]}) is not finite.", nameof(values));
            if (Array.IndexOf(values, values[i]) != i)
                throw new ArgumentException($"Parameter '{name}': value {values[i]} is listed twice.", nameof(values));
        }
        _values = (double[])values.Clone();
    }

    /// <summary>The values, in the order given.</summary>
    public IReadOnlyList<double> Values => Array.AsReadOnly(_values);

    /// <summary>Position of <paramref name="value"/> in <see cref="Values"/>, or −1.</summary>
    public int IndexOf(double value) => Array.IndexOf(_values, value);

    /// <inheritdoc />
    public override bool Contains(double value) => IndexOf(value) >= 0;

    /// <inheritdoc />
    public override string ToString() =>
        $"choice {Name} in {{{string.Join(", ", _values.Select(v => v.ToString("R", CultureInfo.InvariantCulture)))}}}";
}
