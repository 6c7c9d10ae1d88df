namespace HybridRec.Model.Tuning;

/// <summary>
/// One named dimension of a <see cref="SearchSpace"/>: an <see cref="IntParameter"/>, a <see cref="FloatParameter"/>
/// or a <see cref="ChoiceParameter"/>. Every value is carried as a <see cref="double"/>; integer parameters take whole
/// numbers and choice parameters one of their listed values.
/// </summary>
public abstract class SearchParameter
{
    private protected SearchParameter(string name)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        if (name.Trim().Length != name.Length)
            throw new ArgumentException($"Parameter name '{name}' has leading or trailing white space.", nameof(name));
        Name = name;
    }

    /// <summary>The parameter's name, unique within its search space.</summary>
    public string Name { get; }

    /// <summary>Whether <paramref name="value"/> is a value this parameter can take.</summary>
    public abstract bool Contains(double value);

    /// <summary>Throws when <paramref name="value"/> is not a value of this parameter.</summary>
    internal void Check(double value, string context)
    {
        if (!Contains(value))
            throw new ArgumentException($"{context}: value {value.ToString("R", System.Globalization.CultureInfo.InvariantCulture)} of parameter '{Name}' is outside {this}.");
    }

    private protected static void CheckRange(string name, double min, double max, bool log)
    {
        if (!double.IsFinite(min) || !double.IsFinite(max))
            throw new ArgumentOutOfRangeException(nameof(min), $"Parameter '{name}': bounds must be finite (got {min}, {max}).");
        if (!(min < max))
            throw new ArgumentOutOfRangeException(nameof(max), $"Parameter '{name}': min ({min}) must be less than max ({max}).");
        if (log && !(min > 0))
            throw new ArgumentOutOfRangeException(nameof(min), $"Parameter '{name}': a log-scale parameter needs min > 0 (got {min}).");
    }
}
