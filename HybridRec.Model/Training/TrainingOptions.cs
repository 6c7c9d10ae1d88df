using HybridRec.Model.Backends;

namespace HybridRec.Model.Training;

/// <summary>
/// How to train (see <see cref="HybridTrainer"/>). Defaults are defined here once and are the tuned configuration
/// (<see cref="HybridPresets.Tuned"/>): up to 30 epochs of batch 64 with early stopping (patience 3) on a 10 %
/// validation part, the best epoch restored, each of 10 members refit on all training ratings for its best epoch
/// count. <see cref="HybridPresets.Original"/> is the original notebook's schedule.
/// </summary>
public sealed record TrainingOptions
{
    /// <summary>Default (maximum) number of epochs.</summary>
    public const int DefaultEpochs = 30;

    /// <summary>Default batch size.</summary>
    public const int DefaultBatchSize = 64;

    /// <summary>Default share of the training split held out for validation.</summary>
    public const double DefaultValidationFraction = 0.1;

    /// <summary>Default seed.</summary>
    public const long DefaultSeed = 42;

    /// <summary>Default <see cref="Patience"/>.</summary>
    public const int DefaultPatience = 3;

    /// <summary>Default <see cref="EnsembleSize"/>.</summary>
    public const int DefaultEnsembleSize = 10;

    /// <summary>Maximum number of passes over the training data.</summary>
    public int Epochs { get; init; } = DefaultEpochs;

    /// <summary>Samples per training step.</summary>
    public int BatchSize { get; init; } = DefaultBatchSize;

    /// <summary>Optimiser settings.</summary>
    public AdamOptions Adam { get; init; } = new();

    /// <summary>
    /// Share of the training ratings carved out (seeded) as a validation part of round(share · ratings) ratings; 0 disables
    /// validation. A share that rounds to no rating is an error when early stopping, restoring the best epoch, the refit
    /// or learning-rate decay need the part, and a <see cref="TrainingResult.Warnings"/> entry otherwise.
    /// </summary>
    public double ValidationFraction { get; init; } = DefaultValidationFraction;

    /// <summary>Seed of the validation carve-out, the initial parameters and the per-epoch shuffles.</summary>
    public long Seed { get; init; } = DefaultSeed;

    /// <summary>Report progress every this many batches (besides the end of each epoch); 0 reports epochs only.</summary>
    public int ProgressInterval { get; init; } = 200;

    /// <summary>
    /// Early stopping: stop when the validation RMSE has not improved for this many epochs. Null trains all
    /// <see cref="Epochs"/>. Needs a validation part.
    /// </summary>
    public int? Patience { get; init; } = DefaultPatience;

    /// <summary>
    /// Reduce-on-plateau: when the validation RMSE has not improved for <see cref="DecayPatience"/> epochs, the
    /// learning rate is multiplied by this factor (Keras' ReduceLROnPlateau). 1 disables it. Needs a validation part.
    /// </summary>
    public float LearningRateDecay { get; init; } = 1f;

    /// <summary>Epochs without improvement before each learning-rate reduction.</summary>
    public int DecayPatience { get; init; } = 1;

    /// <summary>
    /// After a member has found its best epoch on the validation part, train it again from the same initial
    /// parameters on all training ratings (validation part included) for that many epochs, with the same
    /// learning-rate schedule, and keep that model. Uses the held-out ratings for fitting; the choice of epochs
    /// still comes from validation only. Needs <see cref="RestoreBestEpoch"/>.
    /// </summary>
    public bool RefitOnAllData { get; init; } = true;

    /// <summary>At the end, restore the parameters of the epoch with the best validation RMSE. Needs a validation part.</summary>
    public bool RestoreBestEpoch { get; init; } = true;

    /// <summary>
    /// Number of models trained and averaged (1: a single model). Member 0 uses <see cref="Seed"/>; the others
    /// derive their own seed, so each has its own validation carve-out, initialisation and shuffles (bagging).
    /// </summary>
    public int EnsembleSize { get; init; } = DefaultEnsembleSize;

    /// <summary>
    /// All ensemble members hold out the same validation part (the one of <see cref="Seed"/>), so the ensemble's own
    /// validation error is defined (used by hyperparameter search). By default each member carves its own.
    /// </summary>
    public bool SharedValidation { get; init; }

    /// <summary>Where to run.</summary>
    public BackendKind Backend { get; init; } = BackendKind.Cpu;

    /// <summary>CPU threads for the managed backend; 0 means all processors.</summary>
    public int Threads { get; init; }

    /// <summary>
    /// Ensemble members trained at the same time, each on its share of <see cref="Threads"/>; 0 (the default) picks
    /// one per thread on the managed CPU backend and 1 elsewhere (see <see cref="HybridTrainer.ResolveConcurrentMembers"/>).
    /// The trained model does not depend on it; progress reports of concurrent members interleave.
    /// </summary>
    public int ConcurrentMembers { get; init; }

    /// <summary>The ranking objective, used when the model has a ranking head (<see cref="HybridModelOptions.RankingEmbeddingSize"/> &gt; 0).</summary>
    public RankingLossOptions Ranking { get; init; } = new();

    /// <summary>Throws <see cref="ArgumentException"/> naming the first invalid option.</summary>
    public void Validate()
    {
        if (Epochs < 1) throw new ArgumentException($"epochs must be at least 1 (got {Epochs}).");
        if (BatchSize < 1) throw new ArgumentException($"batch size must be at least 1 (got {BatchSize}).");
        if (!(ValidationFraction >= 0 && ValidationFraction < 1)) throw new ArgumentException($"validation fraction must be in [0, 1) (got {ValidationFraction}).");
        if (ProgressInterval < 0) throw new ArgumentException($"progress interval must be ≥ 0 (got {ProgressInterval}).");
        if (Patience is < 1) throw new ArgumentException($"patience must be at least 1 (got {Patience}).");
        if (!(LearningRateDecay > 0 && LearningRateDecay <= 1)) throw new ArgumentException($"learning-rate decay must be in (0, 1] (got {LearningRateDecay}).");
        if (DecayPatience < 1) throw new ArgumentException($"decay patience must be at least 1 (got {DecayPatience}).");
        if (LearningRateDecay < 1 && ValidationFraction == 0) throw new ArgumentException("learning-rate decay on plateau needs a validation part (ValidationFraction > 0).");
        if (RefitOnAllData && !RestoreBestEpoch) throw new ArgumentException("refitting on all data needs RestoreBestEpoch (the best epoch decides how long to refit).");
        if (EnsembleSize < 1) throw new ArgumentException($"ensemble size must be at least 1 (got {EnsembleSize}).");
        if (ConcurrentMembers < 0) throw new ArgumentException($"concurrent members must be ≥ 0 (got {ConcurrentMembers}).");
        if (Threads < 0) throw new ArgumentException($"threads must be ≥ 0 (got {Threads}).");
        if ((Patience is not null || RestoreBestEpoch) && ValidationFraction == 0)
            throw new ArgumentException("early stopping and restoring the best epoch need a validation part (ValidationFraction > 0).");
        Adam.Validate();
        ArgumentNullException.ThrowIfNull(Ranking, nameof(Ranking));
        Ranking.Validate();
    }
}
