using System.Globalization;

namespace HybridRec.Model.Tuning;

/// <summary>An integer parameter in [<see cref="Min"/>, <see cref="Max"/>], both inclusive, optionally on a log scale.</summary>
public sealed class IntParameter : SearchParameter
{
    /// <summary>Creates an integer parameter.</summary>
    /// <param name="name">Unique name within the search space.</param>
    /// <param name="min">Smallest value (inclusive).</param>
    /// <param name="max">Largest value (inclusive); must exceed <paramref name="min"/>.</param>
    /// <param name="log">Sample on a log scale (each value's share proportional to log((v + ½) / (v − ½))); needs <paramref name="min"/> &gt; 0.</param>
    public IntParameter(string name, int min, int max, bool log = false) : base(name)
    {
        CheckRange(name, min, max, log);
        Min = min;
        Max = max;
        Log = log;
    }

    /// <summary>Smallest value (inclusive).</summary>
    public int Min { get; }

    /// <summary>Largest value (inclusive).</summary>
    public int Max { get; }

    /// <summary>Whether the parameter is searched on a log scale.</summary>
    public bool Log { get; }

    /// <inheritdoc />
    public override bool Contains(double value) => value >= Min && value <= Max && Math.Floor(value) == value;

    /// <inheritdoc />
    public override string ToString() =>
        string.Create(CultureInfo.InvariantCulture, $"int {Name} in [{Min}, {Max}]{(Log ? " (log)" : "")}");
}
