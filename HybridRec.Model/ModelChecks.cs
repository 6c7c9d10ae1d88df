using HybridRec.Data;

namespace HybridRec.Model;

/// <summary>
/// The consistency rules of a model's metadata, each returning the first problem in words or null: the rating
/// scale, id lists, and compressed rows (feature groups, user histories). The model file reader and the model's
/// constructor use the same rules, so a model that can be created can be saved and loaded again.
/// </summary>
internal static class ModelChecks
{
    /// <summary>The most steps a rating scale may have: 2²⁴, as many as a float's mantissa tells apart (beyond it "a whole number of steps" means nothing).</summary>
    public const int MaxScaleSteps = 1 << 24;

    /// <summary>
    /// Why <paramref name="scale"/> cannot normalise ratings, or null: Min, Max, Step and the range finite, Min &lt; Max,
    /// Step &gt; 0 and a whole number of steps (within 10⁻³, as <see cref="RatingScale.Contains"/> allows, and at most
    /// <see cref="MaxScaleSteps"/>) from Min to Max.
    /// </summary>
    public static string? ScaleProblem(RatingScale scale)
    {
        if (!float.IsFinite(scale.Min) || !float.IsFinite(scale.Max) || !float.IsFinite(scale.Step))
            return $"min {scale.Min}, max {scale.Max} and step {scale.Step} must be finite";
        if (!(scale.Min < scale.Max)) return $"min {scale.Min} must be below max {scale.Max}";
        if (!float.IsFinite(scale.Range)) return $"the range {scale.Min} to {scale.Max} is too wide for float";
        if (!(scale.Step > 0)) return $"step {scale.Step} must be > 0";
        double steps = ((double)scale.Max - scale.Min) / scale.Step;
        if (steps > MaxScaleSteps) return $"step {scale.Step} cuts the range {scale.Min} to {scale.Max} into {steps:G3} steps, more than a float tells apart ({MaxScaleSteps:N0})";
        if (steps < 1 - 1e-3 || Math.Abs(steps - Math.Round(steps)) > 1e-3)
            return $"step {scale.Step} does not divide the range {scale.Min} to {scale.Max} ({steps:0.####} steps)";
        return null;
    }

    /// <summary>Why <paramref name="ids"/> is not strictly ascending (sorted and distinct), or null.</summary>
    public static string? AscendingProblem(ReadOnlySpan<int> ids)
    {
        for (int i = 1; i < ids.Length; i++)
            if (ids[i] <= ids[i - 1])
                return $"id {ids[i]} at index {i} follows id {ids[i - 1]}: ids must be strictly ascending (sorted, each once)";
        return null;
    }

    /// <summary>
    /// Why (<paramref name="offsets"/>, <paramref name="indices"/>) is not a compressed-row matrix of
    /// <paramref name="rows"/> rows over columns [0, <paramref name="columns"/>) whose rows are sorted, distinct and
    /// hold at most <paramref name="maxPerRow"/> values, or null.
    /// </summary>
    public static string? CompressedRowsProblem(int[] offsets, int[] indices, int rows, int columns, int maxPerRow = int.MaxValue)
    {
        if (offsets.Length != (long)rows + 1) return $"{offsets.Length:N0} row offsets for {rows:N0} rows (needs {rows + 1L:N0})";
        if (offsets[0] != 0) return $"the first row offset is {offsets[0]}, not 0";
        if (offsets[^1] != indices.Length) return $"the last row offset is {offsets[^1]:N0} but there are {indices.Length:N0} values";
        for (int r = 0; r < rows; r++)
        {
            int start = offsets[r], end = offsets[r + 1];
            if (end < start) return $"row {r}'s offsets run backwards ({start:N0} to {end:N0})";
            if (end > indices.Length) return $"row {r} ends at {end:N0}, past the {indices.Length:N0} values";
            if (end - start > maxPerRow) return $"row {r} holds {end - start} values, more than {maxPerRow}";
            for (int k = start; k < end; k++)
            {
                if ((uint)indices[k] >= (uint)columns) return $"row {r} holds {indices[k]}, outside [0, {columns:N0})";
                if (k > start && indices[k] <= indices[k - 1]) return $"row {r} is not sorted and distinct ({indices[k]} after {indices[k - 1]})";
            }
        }
        return null;
    }
}
