namespace HybridRec.Data;

/// <summary>
/// The rating scale of a dataset (the star scale of a MovieLens release): the lowest and highest rating and the step between ratings
/// (0.5 for half-star releases, 1 for whole-star ones). Min-max normalisation maps <see cref="Min"/> to 0
/// and <see cref="Max"/> to 1.
/// </summary>
/// <param name="Min">Lowest rating on the scale, in stars.</param>
/// <param name="Max">Highest rating on the scale, in stars.</param>
/// <param name="Step">Distance between two adjacent ratings, in stars.</param>
public readonly record struct RatingScale(float Min, float Max, float Step)
{
    /// <summary>Half-star scale 0.5–5.0 used by ml-latest, ml-latest-small, ml-10m, ml-20m, ml-25m and ml-32m.</summary>
    public static RatingScale HalfStars => new(0.5f, 5.0f, 0.5f);

    /// <summary>Whole-star scale 1–5 used by ml-100k and ml-1m.</summary>
    public static RatingScale WholeStars => new(1.0f, 5.0f, 1.0f);

    /// <summary>Width of the scale in stars (<c>Max - Min</c>).</summary>
    public float Range => Max - Min;

    /// <summary>Maps a rating in stars to [0, 1].</summary>
    public float Normalize(float stars) => (stars - Min) / Range;

    /// <summary>Maps a normalised value back to stars (no clipping).</summary>
    public float Denormalize(float normalized) => Min + normalized * Range;

    /// <summary>Whether <paramref name="stars"/> lies on the scale: within [Min, Max] and a whole number of steps from Min.</summary>
    public bool Contains(float stars)
    {
        if (!(stars >= Min - 1e-4f && stars <= Max + 1e-4f)) return false;
        float steps = (stars - Min) / Step;
        return MathF.Abs(steps - MathF.Round(steps)) < 1e-3f;
    }

    /// <inheritdoc />
    public override string ToString() => $"{Min:0.0#}–{Max:0.0#} stars in steps of {Step:0.0#}";
}
