namespace HybridRec.Model.Evaluation;

/// <summary>
/// The ranking protocol's settings (<see cref="RankingEvaluator"/>, the ranking part of
/// <see cref="ValidationProtocols"/>): the cut-off and the relevance threshold.
/// </summary>
public sealed record RankingOptions
{
    /// <summary>Default <see cref="K"/>.</summary>
    public const int DefaultK = 10;

    /// <summary>Default <see cref="RelevantAtLeast"/>: 4 stars, for MovieLens' 0.5–5 scale.</summary>
    public const float DefaultRelevantAtLeast = 4.0f;

    /// <summary>The defaults.</summary>
    public static RankingOptions Default { get; } = new();

    /// <summary>The cut-off: metrics are computed on each user's top K.</summary>
    public int K { get; init; } = DefaultK;

    /// <summary>
    /// A held-out rating counts as relevant when it is at least this value, on the dataset's rating scale. The
    /// default suits MovieLens (0.5–5 stars); for another scale give the value that means "liked" there (for
    /// example 8 on a 1–10 scale, or the scale's minimum to count every held-out rating).
    /// </summary>
    public float RelevantAtLeast { get; init; } = DefaultRelevantAtLeast;

    /// <summary>Throws <see cref="ArgumentOutOfRangeException"/> when K is not positive or the threshold is not a finite number.</summary>
    public void Validate()
    {
        if (K < 1) throw new ArgumentOutOfRangeException(nameof(K), K, "the ranking cut-off must be at least 1.");
        if (!float.IsFinite(RelevantAtLeast)) throw new ArgumentOutOfRangeException(nameof(RelevantAtLeast), RelevantAtLeast, "the relevance threshold must be a finite number.");
    }
}
