namespace HybridRec.Model.Recommendation;

/// <summary>
/// What <see cref="HybridModel.Recommend(int, RecommendOptions?)"/> returns: how many items, which items may be
/// candidates, and whether scoring may use several threads.
/// </summary>
public sealed record RecommendOptions
{
    /// <summary>Default <see cref="Count"/>.</summary>
    public const int DefaultCount = 3;

    /// <summary>The largest <see cref="Count"/> accepted.</summary>
    public const int MaxCount = 1000;

    /// <summary>The defaults: 3 items the user did not rate in training, any item a candidate, scored on the calling thread.</summary>
    public static RecommendOptions Default { get; } = new();

    /// <summary>How many items to return, 1 to <see cref="MaxCount"/>; fewer when fewer candidates are left.</summary>
    public int Count { get; init; } = DefaultCount;

    /// <summary>Raw item ids never to recommend (ids the model does not know are ignored: they cannot be recommended anyway).</summary>
    public IReadOnlyCollection<int>? ExcludeItems { get; init; }

    /// <summary>Candidates need at least this many training ratings (<see cref="HybridModel.TrainingRatingCount"/>); 0 admits every item.</summary>
    public int MinTrainingRatings { get; init; }

    /// <summary>Leave out the items the user rated in training (default true).</summary>
    public bool ExcludeRated { get; init; } = true;

    /// <summary>
    /// Score on the thread pool: one user's catalogue in parallel chunks, or a batch's users in parallel. Off by
    /// default, so a request in a web server is served on its own thread; turn it on for bulk work.
    /// </summary>
    public bool Parallel { get; init; }

    /// <summary>Throws <see cref="ArgumentOutOfRangeException"/> for a count outside 1 … <see cref="MaxCount"/> or a negative minimum.</summary>
    public void Validate()
    {
        if (Count < 1 || Count > MaxCount)
            throw new ArgumentOutOfRangeException(nameof(Count), Count, $"the number of recommendations must be between 1 and {MaxCount}.");
        if (MinTrainingRatings < 0)
            throw new ArgumentOutOfRangeException(nameof(MinTrainingRatings), MinTrainingRatings, "the minimum number of training ratings cannot be negative.");
    }
}
