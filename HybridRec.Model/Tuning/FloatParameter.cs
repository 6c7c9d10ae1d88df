using System.Globalization;

namespace HybridRec.Model.Tuning;

/// <summary>A real parameter in [<see cref="Min"/>, <see cref="Max"/>], optionally on a log scale.</summary>
public sealed class FloatParameter : SearchParameter
{
    /// <summary>Creates a real parameter.</summary>
    /// <param name="name">Unique name within the search space.</param>
    /// <param name="min">Lower bound (inclusive).</param>
    /// <param name="max">Upper bound (inclusive); must exceed <paramref name="min"/>.</param>
    /// <param name="log">Sample on a log scale (uniform in log(value)); needs <paramref name="min"/> &gt; 0.</param>
    public FloatParameter(string name, double min, double max, bool log = false) : base(name)
    {
        CheckRange(name, min, max, log);
        Min = min;
        Max = max;
        Log = log;
    }

    /// <summary>Lower bound (inclusive).</summary>
    public double Min { get; }

    /// <summary>Upper bound (inclusive).</summary>
    public double Max { get; }

    /// <summary>Whether the parameter is searched on a log scale.</summary>
    public bool Log { get; }

    /// <inheritdoc />
    public override bool Contains(double value) => value >= Min && value <= Max;

    /// <inheritdoc />
    public override string ToString() =>
        string.Create(CultureInfo.InvariantCulture, $"float {Name} in [{Min:R}, {Max:R}]{(Log ? " (log)" : "")}");
}
