namespace HybridRec.Model.ColdStart;

/// <summary>
/// How <see cref="HybridModel.FoldInUser"/> fits a new user's rows: full-batch Adam on the user's ratings, starting from
/// zero rows (the mode of the L2 prior), with the rest of the network frozen. Defaults are defined here once.
/// </summary>
public sealed record FoldInOptions
{
    /// <summary>Default <see cref="Steps"/>.</summary>
    public const int DefaultSteps = 300;

    /// <summary>Default <see cref="LearningRate"/>.</summary>
    public const float DefaultLearningRate = 0.02f;

    /// <summary>Default <see cref="RankingSteps"/>.</summary>
    public const int DefaultRankingSteps = 100;

    /// <summary>The defaults.</summary>
    public static FoldInOptions Default { get; } = new();

    /// <summary>Adam steps per ensemble member (each step uses all the given ratings).</summary>
    public int Steps { get; init; } = DefaultSteps;

    /// <summary>
    /// Adam steps per member for the ranking head's user row (models with a head only); each step scores every item
    /// (M·Er), so they cost more than the rating rows' steps.
    /// </summary>
    public int RankingSteps { get; init; } = DefaultRankingSteps;

    /// <summary>Adam's learning rate (β1 0.9, β2 0.999, ε 1e-7 as in training).</summary>
    public float LearningRate { get; init; } = DefaultLearningRate;

    /// <summary>
    /// Multiplies the L2 weight of the user's rows. 1 (the default) is the weight training put on a user with this
    /// many ratings: λe (per occurrence) + λt·N/k (the whole-table term, once per step, relative to the user's k of the
    /// N training ratings per epoch), so the fit's optimum is where training would leave that user's rows. 0 fits
    /// the ratings without a prior.
    /// </summary>
    public float L2Scale { get; init; } = 1f;

    /// <summary>Throws <see cref="ArgumentOutOfRangeException"/> naming the first invalid option.</summary>
    public void Validate()
    {
        if (Steps < 0 || Steps > 100_000) throw new ArgumentOutOfRangeException(nameof(Steps), Steps, "the number of fold-in steps must be between 0 and 100,000.");
        if (RankingSteps < 0 || RankingSteps > 100_000) throw new ArgumentOutOfRangeException(nameof(RankingSteps), RankingSteps, "the number of ranking fold-in steps must be between 0 and 100,000.");
        if (!(LearningRate > 0) || float.IsInfinity(LearningRate)) throw new ArgumentOutOfRangeException(nameof(LearningRate), LearningRate, "the fold-in learning rate must be a finite value > 0.");
        if (!(L2Scale >= 0) || float.IsInfinity(L2Scale)) throw new ArgumentOutOfRangeException(nameof(L2Scale), L2Scale, "the fold-in L2 scale must be a finite value ≥ 0.");
    }
}
