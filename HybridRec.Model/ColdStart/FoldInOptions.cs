namespace HybridRec.Model.ColdStart;

/// <summary>
/// How <see cref="HybridModel.FoldInUser"/> fits a new user's rows, starting from zero rows (the mode of the L2 prior),
/// with the rest of the network frozen: by default second-order (<see cref="FoldInSolver.Newton"/>: Gauss-Newton on the
/// rating rows, quasi-Newton on the ranking row; 0.3–0.7 ms per member on the tuned default model for up to 20 ratings), or by full-batch Adam
/// (<see cref="FoldInSolver.Adam"/>, the first implementation). Defaults are defined here once.
/// </summary>
public sealed record FoldInOptions
{
    /// <summary>Default <see cref="Steps"/>.</summary>
    public const int DefaultSteps = 300;

    /// <summary>Default <see cref="LearningRate"/>.</summary>
    public const float DefaultLearningRate = 0.02f;

    /// <summary>Default <see cref="RankingSteps"/>.</summary>
    public const int DefaultRankingSteps = 100;

    /// <summary>Default <see cref="MaxIterations"/>.</summary>
    public const int DefaultMaxIterations = 20;

    /// <summary>Default <see cref="MaxRankingPasses"/>.</summary>
    public const int DefaultMaxRankingPasses = 20;

    /// <summary>Default <see cref="RankingTolerance"/>.</summary>
    public const double DefaultRankingTolerance = 1e-4;

    /// <summary>Default <see cref="RankingPrior"/>.</summary>
    public const float DefaultRankingPrior = 3f;

    /// <summary>The defaults.</summary>
    public static FoldInOptions Default { get; } = new();

    /// <summary>The solver (default <see cref="FoldInSolver.Newton"/>).</summary>
    public FoldInSolver Solver { get; init; } = FoldInSolver.Newton;

    /// <summary>
    /// <see cref="FoldInSolver.Newton"/>: the most Gauss-Newton iterations on the rating rows per member. Each solves the
    /// ridge regression of the current ReLU pattern exactly (k·Hn·E + k²·(2E + 1) with k ratings, then one loss
    /// evaluation); it stops earlier when a full step keeps the pattern (an exact local minimum) or an iteration gains ≤ 1e-5 of the loss,
    /// after 1.6–5.3 iterations on average for 1–20 ratings on the tuned default model (7.6 for 100).
    /// </summary>
    public int MaxIterations { get; init; } = DefaultMaxIterations;

    /// <summary>
    /// <see cref="FoldInSolver.Newton"/> with a ranking head: the most passes over the items (2·M·Er each) per member for
    /// the user_rank row. The first Newton step needs none (it comes from moments cached per model); each later
    /// quasi-Newton iteration or line-search trial costs one. 0 takes that first Newton step unchecked (no pass).
    /// </summary>
    public int MaxRankingPasses { get; init; } = DefaultMaxRankingPasses;

    /// <summary>
    /// <see cref="FoldInSolver.Newton"/> with a ranking head: the ranking row's fit stops once the estimated distance of its
    /// objective to the optimum, gᵀ·H⁻¹·g/2 (the objective is convex in the row), is at most this.
    /// </summary>
    public double RankingTolerance { get; init; } = DefaultRankingTolerance;

    /// <summary><see cref="FoldInSolver.Adam"/>: Adam steps per ensemble member (each step uses all the given ratings).</summary>
    public int Steps { get; init; } = DefaultSteps;

    /// <summary>
    /// <see cref="FoldInSolver.Adam"/>: Adam steps per member for the ranking head's user row (models with a head only); each step scores every item
    /// (M·Er), so they cost more than the rating rows' steps.
    /// </summary>
    public int RankingSteps { get; init; } = DefaultRankingSteps;

    /// <summary><see cref="FoldInSolver.Adam"/>: Adam's learning rate (β1 0.9, β2 0.999, ε 1e-7 as in training).</summary>
    public float LearningRate { get; init; } = DefaultLearningRate;

    /// <summary>
    /// Multiplies the L2 weight of the user's rows. 1 (the default) is the weight training put on a user with this
    /// many ratings: λe (per occurrence) + λt·N/k (the whole-table term, once per step, relative to the user's k of the
    /// N training ratings per epoch), so the fit's optimum is where training would leave that user's rows. 0 fits
    /// the ratings without a prior.
    /// </summary>
    public float L2Scale { get; init; } = 1f;

    /// <summary>
    /// The ranking row's prior, Λ: its L2 weight is L2Scale·(λe + Λ/k) for a fold-in from k ratings, i.e. the objective
    /// is 1/k·[Σ_c softmax loss_c + Λ·|p3|²] + λe·|p3|²: a Gaussian prior worth a fixed number of positives, so one rating
    /// moves the row little and twenty move it far. With the head's λe alone (Λ = 0) the exact optimum follows a handful
    /// of positives far from the popularity-like prior and ranks worse than popularity (the old 100 Adam steps stopped
    /// early, which regularised it instead). Chosen on validation data (docs/experiments-foldin.md).
    /// </summary>
    public float RankingPrior { get; init; } = DefaultRankingPrior;

    /// <summary>Throws <see cref="ArgumentOutOfRangeException"/> naming the first invalid option.</summary>
    public void Validate()
    {
        if (Steps < 0 || Steps > 100_000) throw new ArgumentOutOfRangeException(nameof(Steps), Steps, "the number of fold-in steps must be between 0 and 100,000.");
        if (RankingSteps < 0 || RankingSteps > 100_000) throw new ArgumentOutOfRangeException(nameof(RankingSteps), RankingSteps, "the number of ranking fold-in steps must be between 0 and 100,000.");
        if (!Enum.IsDefined(Solver)) throw new ArgumentOutOfRangeException(nameof(Solver), Solver, "unknown fold-in solver.");
        if (MaxIterations < 1 || MaxIterations > 10_000) throw new ArgumentOutOfRangeException(nameof(MaxIterations), MaxIterations, "the most Gauss-Newton iterations must be between 1 and 10,000.");
        if (MaxRankingPasses < 0 || MaxRankingPasses > 100_000) throw new ArgumentOutOfRangeException(nameof(MaxRankingPasses), MaxRankingPasses, "the most ranking passes must be between 0 and 100,000.");
        if (!(RankingTolerance >= 0) || double.IsInfinity(RankingTolerance)) throw new ArgumentOutOfRangeException(nameof(RankingTolerance), RankingTolerance, "the ranking tolerance must be a finite value ≥ 0.");
        if (!(LearningRate > 0) || float.IsInfinity(LearningRate)) throw new ArgumentOutOfRangeException(nameof(LearningRate), LearningRate, "the fold-in learning rate must be a finite value > 0.");
        if (!(RankingPrior >= 0) || float.IsInfinity(RankingPrior)) throw new ArgumentOutOfRangeException(nameof(RankingPrior), RankingPrior, "the ranking prior must be a finite value ≥ 0.");
        if (!(L2Scale >= 0) || float.IsInfinity(L2Scale)) throw new ArgumentOutOfRangeException(nameof(L2Scale), L2Scale, "the fold-in L2 scale must be a finite value ≥ 0.");
    }
}
