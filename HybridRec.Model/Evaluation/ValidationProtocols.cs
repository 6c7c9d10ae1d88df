using HybridRec.Data;
using HybridRec.Model.Training;

namespace HybridRec.Model.Evaluation;

/// <summary>
/// Scores a configuration on validation data only, so that model choices never look at a test part (the
/// <c>validate</c> and <c>tune</c> commands). Every function takes the training part of a split; its test part must
/// have been dropped before. Two protocols:
/// <list type="bullet">
/// <item><see cref="Shared"/>: every ensemble member holds out the same validation part (the one of the run's seed),
/// trains without refit, and the ensemble is scored on that part (what hyperparameter search scores);</item>
/// <item><see cref="Holdout"/>: a holdout is carved from the training part first, the whole procedure (each member
/// with its own validation carve-out, refitting if configured) runs on the rest, and the model is scored on the
/// holdout — which makes procedures that fit on the validation part (refit, validation fraction) comparable.</item>
/// </list>
/// Both return a <see cref="ValidationScore"/>: the RMSE, and the ranking metrics of the model and of the popularity
/// baseline on the same part (<see cref="RankPart"/>: for each user with ratings in the part, every item not in the
/// fitting data is ranked; relevant = a rating in the part of at least <see cref="RankingOptions.RelevantAtLeast"/>).
/// </summary>
public static class ValidationProtocols
{
    /// <summary>Default split seeds of <c>validate</c>: disjoint from the seeds 1, 2, 3 the README reports test RMSE for.</summary>
    public static IReadOnlyList<long> DefaultSplitSeeds { get; } = [42, 7, 99];

    /// <summary>Default holdout share of the training part for <see cref="Holdout"/>.</summary>
    public const double DefaultHoldoutFraction = 0.1;

    /// <summary>The shared protocol: the ensemble's RMSE (rating scale) and ranking metrics on the validation part all its members held out.</summary>
    public static ValidationScore Shared(RatingDataset data, RatingTable train, HybridConfiguration configuration, RankingOptions? ranking = null) =>
        ScoreTrial(data, train, configuration, ranking).Score;

    /// <summary>
    /// Trains as the shared protocol does (shared validation part, no refit) and returns the score with the training
    /// run. The RMSE is the best epoch's validation RMSE for one model and the ensemble's RMSE on the shared part for
    /// several; the ranking metrics are those of the returned model (the best epoch's parameters when the
    /// configuration restores it) on the shared part, items of the fitting part excluded.
    /// </summary>
    public static (ValidationScore Score, TrainingResult Run) ScoreTrial(RatingDataset data, RatingTable train, HybridConfiguration configuration,
        RankingOptions? ranking = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(data);
        ArgumentNullException.ThrowIfNull(configuration);
        // No refit: a refit model has seen the validation part it is scored on.
        var options = configuration.Training with { SharedValidation = true, RefitOnAllData = false };
        if (options.ValidationFraction <= 0) throw new ArgumentException("the shared protocol needs a validation part (ValidationFraction > 0).");
        var run = HybridTrainer.Train(data, train, configuration.Model, options, cancellationToken: cancellationToken);
        var part = SharedValidationPart(train, options);
        double rmse = options.EnsembleSize > 1
            ? run.Model.Evaluate(part.Test).RmseStars
            : run.History[run.BestEpoch - 1].ValidationRmseStars;
        var (model, popularity) = RankPart(run.Model, part, data.Users.Count, ranking);
        return (new ValidationScore(rmse, model, popularity), run);
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
        return model.Evaluate(SharedValidationPart(train, options).Test).RmseStars;
    }

    /// <summary>
    /// The shared validation part of <paramref name="train"/> as a split: <c>Train</c> the ratings the members fit on,
    /// <c>Test</c> the ones they all held out (carved with <paramref name="options"/>' seed and validation fraction,
    /// exactly as <see cref="HybridTrainer.CarveValidation"/> carves the training samples).
    /// </summary>
    public static RatingSplit SharedValidationPart(RatingTable train, TrainingOptions options)
    {
        ArgumentNullException.ThrowIfNull(train);
        ArgumentNullException.ThrowIfNull(options);
        var (fit, validation) = HybridTrainer.ValidationIndices(train.Count, options.ValidationFraction, options.Seed);
        return new RatingSplit(FormattableString.Invariant($"shared validation part ({options.ValidationFraction * 100:0.##} %, seed {options.Seed})"), train.Select(fit), train.Select(validation));
    }

    /// <summary>The holdout of the holdout protocol: <paramref name="fraction"/> of <paramref name="train"/>, drawn from a stream derived from <paramref name="seed"/>.</summary>
    public static RatingSplit HoldoutPart(RatingTable train, long seed, double fraction = DefaultHoldoutFraction) =>
        RatingSplits.Random(train, fraction, (long)(SeededRandom.For(seed, "validate:holdout").NextUInt64() >> 1));

    /// <summary>
    /// The holdout protocol: trains exactly as configured on <paramref name="train"/> minus a holdout of
    /// <paramref name="fraction"/> (<see cref="HoldoutPart"/>, seeded from the configuration's seed) and scores the
    /// model on the holdout.
    /// </summary>
    public static ValidationScore Holdout(RatingDataset data, RatingTable train, HybridConfiguration configuration, double fraction = DefaultHoldoutFraction,
        RankingOptions? ranking = null)
    {
        ArgumentNullException.ThrowIfNull(data);
        ArgumentNullException.ThrowIfNull(configuration);
        var inner = HoldoutPart(train, configuration.Training.Seed, fraction);
        var run = HybridTrainer.Train(data, inner.Train, configuration);
        var (model, popularity) = RankPart(run.Model, inner, data.Users.Count, ranking);
        return new ValidationScore(run.Model.Evaluate(inner.Test).RmseStars, model, popularity);
    }

    /// <summary>
    /// The ranking half of both protocols: <paramref name="ranker"/> and the popularity baseline (counted on
    /// <c>part.Train</c>) ranked for each user with ratings in <c>part.Test</c>, every item of <c>part.Train</c>'s
    /// user excluded (<see cref="RankingEvaluator"/>). <paramref name="users"/> is the number of user indices.
    /// </summary>
    public static (RankingSummary Ranker, RankingSummary Popularity) RankPart(IItemRanker ranker, RatingSplit part, int users, RankingOptions? ranking = null)
    {
        ArgumentNullException.ThrowIfNull(ranker);
        ArgumentNullException.ThrowIfNull(part);
        var seen = UserHistory.FromRatings(part.Train, users);
        var popularity = PopularityRanker.FromRatings(part.Train, ranker.ItemCount);
        return (RankingEvaluator.Evaluate(ranker, seen, part.Test, ranking), RankingEvaluator.Evaluate(popularity, seen, part.Test, ranking));
    }
}
