using HybridRec.Data;
using HybridRec.Model.Training;

namespace HybridRec.Model.Evaluation;

/// <summary>
/// Scores a configuration on validation data only, so that model choices never look at a test part (the
/// <c>validate</c> and <c>tune</c> commands). Every function takes the training part of a split; its test part must
/// have been dropped before. Two protocols:
/// <list type="bullet">
/// <item><see cref="Shared"/>: every ensemble member holds out the same validation part (the one of the run's seed),
/// trains without refit, and the ensemble's RMSE on that part is the score (what hyperparameter search scores);</item>
/// <item><see cref="Holdout"/>: a holdout is carved from the training part first, the whole procedure (each member
/// with its own validation carve-out, refitting if configured) runs on the rest, and the RMSE on the holdout is the
/// score — which makes procedures that fit on the validation part (refit, validation fraction) comparable.</item>
/// </list>
/// </summary>
public static class ValidationProtocols
{
    /// <summary>Default split seeds of <c>validate</c>: disjoint from the seeds 1, 2, 3 the README reports test RMSE for.</summary>
    public static IReadOnlyList<long> DefaultSplitSeeds { get; } = [42, 7, 99];

    /// <summary>Default holdout share of the training part for <see cref="Holdout"/>.</summary>
    public const double DefaultHoldoutFraction = 0.1;

    /// <summary>The shared protocol: RMSE on the rating scale of the ensemble on the validation part all its members held out.</summary>
    public static double Shared(RatingDataset data, RatingTable train, HybridConfiguration configuration) =>
        ScoreTrial(data, train, configuration).Score;

    /// <summary>
    /// Trains as the shared protocol does (shared validation part, no refit) and returns the score — the best epoch's
    /// validation RMSE for one model, the ensemble's RMSE on the shared part for several — with the training run.
    /// </summary>
    public static (double Score, TrainingResult Run) ScoreTrial(RatingDataset data, RatingTable train, HybridConfiguration configuration,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        // No refit: a refit model has seen the validation part it is scored on.
        var options = configuration.Training with { SharedValidation = true, RefitOnAllData = false };
        if (options.ValidationFraction <= 0) throw new ArgumentException("the shared protocol needs a validation part (ValidationFraction > 0).");
        var run = HybridTrainer.Train(data, train, configuration.Model, options, cancellationToken: cancellationToken);
        double score = options.EnsembleSize > 1
            ? SharedValidationRmse(data, train, run.Model, options)
            : run.History[run.BestEpoch - 1].ValidationRmseStars;
        return (score, run);
    }

    /// <summary>
    /// The RMSE (rating scale) of <paramref name="model"/> on the validation part that <paramref name="options"/> carves
    /// out of <paramref name="train"/> with its seed: the part every member held out when trained with
    /// <see cref="TrainingOptions.SharedValidation"/>.
    /// </summary>
    public static double SharedValidationRmse(RatingDataset data, RatingTable train, HybridModel model, TrainingOptions options)
    {
        ArgumentNullException.ThrowIfNull(data);
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(options);
        var (_, validation) = HybridTrainer.CarveValidation(TrainingSamples.FromRatings(train, data.Scale), options.ValidationFraction, options.Seed);
        var predictions = new float[validation.Count];
        model.PredictNormalized(validation.Users, validation.Items, predictions);
        return RatingMetrics.Compute(predictions, validation.Targets, data.Scale.Range).RmseStars;
    }

    /// <summary>
    /// The holdout protocol: trains exactly as configured on <paramref name="train"/> minus a holdout of
    /// <paramref name="fraction"/> (seeded from the configuration's seed) and returns the RMSE on the holdout.
    /// </summary>
    public static double Holdout(RatingDataset data, RatingTable train, HybridConfiguration configuration, double fraction = DefaultHoldoutFraction)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        long seed = configuration.Training.Seed;
        var inner = RatingSplits.Random(train, fraction, (long)(SeededRandom.For(seed, "validate:holdout").NextUInt64() >> 1));
        var run = HybridTrainer.Train(data, inner.Train, configuration);
        return run.Model.Evaluate(inner.Test).RmseStars;
    }
}
