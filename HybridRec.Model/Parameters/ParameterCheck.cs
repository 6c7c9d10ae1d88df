using System.Numerics;
using System.Runtime.InteropServices;

namespace HybridRec.Model.Parameters;

/// <summary>
/// The values a parameter may hold: finite and within ±<see cref="MaxMagnitude"/>. Finite alone is not enough: a
/// parameter of 10³⁰ is finite, but the dot products and sums of a prediction overflow to ∞ and then to NaN. Within
/// ±10⁶ every prediction is finite whatever the model's shape: each term of a prediction is a product of at most
/// three parameters (≤ 10¹⁸) and there are a few times as many terms as parameters at most (a layout has fewer than
/// 2²⁹), so a prediction and every partial sum stay below 10²⁸, far from float's 3.4·10³⁸. Training
/// moves parameters by about the learning rate per step, so no trained model comes near the bound; a parameter past
/// it means training diverged.
/// </summary>
internal static class ParameterCheck
{
    /// <summary>The largest magnitude a parameter (or the global offset) may have.</summary>
    public const float MaxMagnitude = 1e6f;

    /// <summary>The index of the first value that is NaN, ±∞ or beyond ±<see cref="MaxMagnitude"/>, or −1 when there is none.</summary>
    public static int FirstOutOfRange(ReadOnlySpan<float> values)
    {
        // |x| ≤ bound is false for NaN and ±∞ too: one vectorised pass decides, and only when it finds a value out of
        // range is the span scanned value by value.
        var vectors = MemoryMarshal.Cast<float, Vector<float>>(values);
        var bound = new Vector<float>(MaxMagnitude);
        bool inRange = true;
        foreach (var v in vectors) inRange &= Vector.LessThanOrEqualAll(Vector.Abs(v), bound);
        for (int i = inRange ? vectors.Length * Vector<float>.Count : 0; i < values.Length; i++)
            if (!InRange(values[i])) return i;
        return -1;
    }

    /// <summary>Whether <paramref name="value"/> is finite and within ±<see cref="MaxMagnitude"/>.</summary>
    public static bool InRange(float value) => Math.Abs(value) <= MaxMagnitude;

    /// <summary><paramref name="value"/> in words, when it is not <see cref="InRange"/>: <c>NaN</c>, <c>+∞</c>, <c>−∞</c> or <c>3.2E+07, beyond ±1E+06</c>.</summary>
    public static string Describe(float value) =>
        float.IsNaN(value) ? "NaN" : float.IsInfinity(value) ? (value > 0 ? "+∞" : "−∞") : $"{value:G3}, beyond ±{MaxMagnitude:G1}";

    /// <summary>
    /// The first parameter of <paramref name="parameters"/> (layout order) that is not <see cref="InRange"/>, in words,
    /// e.g. <c>parameter item_cf[12, 3] is NaN</c>, or null when every parameter is.
    /// </summary>
    public static string? Describe(ParameterLayout layout, ReadOnlySpan<float> parameters)
    {
        int i = FirstOutOfRange(parameters);
        if (i < 0) return null;
        string what = Describe(parameters[i]);
        foreach (var slice in layout.Slices)
        {
            if (i < slice.Offset || i >= slice.End) continue;
            int local = i - slice.Offset;
            return $"parameter {slice.Name}[{local / slice.Columns}, {local % slice.Columns}] is {what}";
        }
        return $"parameter {i} is {what}";
    }
}
