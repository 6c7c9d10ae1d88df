using System.Globalization;

namespace HybridRec.Data.Preprocessing;

/// <summary>The rating scale of data that does not state one: the lowest and highest rating and the smallest gap between two distinct ratings.</summary>
internal static class RatingScaleInference
{
    /// <summary>
    /// Infers the scale of <paramref name="count"/> ratings read through <paramref name="valueAt"/>. Throws
    /// <see cref="ArgumentException"/> when there are fewer than two distinct values (no range to normalise over).
    /// </summary>
    public static RatingScale Infer(int count, Func<int, float> valueAt)
    {
        var distinct = new SortedSet<float>();
        for (int i = 0; i < count; i++) distinct.Add(valueAt(i));
        if (distinct.Count < 2)
            throw new ArgumentException(distinct.Count == 0
                ? "there are no ratings to infer a rating scale from; give the scale."
                : $"every rating is {distinct.Min.ToString(CultureInfo.InvariantCulture)}, so no rating scale can be inferred; give the scale.");
        double step = double.PositiveInfinity;
        float previous = float.NaN;
        foreach (float v in distinct)
        {
            if (!float.IsNaN(previous)) step = Math.Min(step, (double)v - previous);
            previous = v;
        }
        // Ratings such as 0.1 are not exact in binary: round the gap to 6 significant digits.
        step = double.Parse(step.ToString("G6", CultureInfo.InvariantCulture), CultureInfo.InvariantCulture);
        return new RatingScale(distinct.Min, distinct.Max, (float)step);
    }

    /// <summary>Why <paramref name="value"/> is not on <paramref name="scale"/>, or null when it is.</summary>
    public static string? Problem(float value, RatingScale scale, bool inferred)
    {
        if (scale.Contains(value)) return null;
        string what = inferred ? "the inferred rating scale" : "the rating scale";
        return value < scale.Min - 1e-4f || value > scale.Max + 1e-4f
            ? $"rating {value.ToString(CultureInfo.InvariantCulture)} is outside {what} ({scale})"
            : $"rating {value.ToString(CultureInfo.InvariantCulture)} is not on {what} ({scale}){(inferred ? "; give the scale explicitly" : "")}";
    }
}
