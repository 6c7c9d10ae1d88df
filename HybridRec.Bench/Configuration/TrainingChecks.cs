using System.Globalization;
using HybridRec.Bench.Cli;
using HybridRec.Data;
using HybridRec.Model;

namespace HybridRec.Bench.Configuration;

/// <summary>
/// The checks of a configuration against the data it is about to train on, made before anything is allocated for
/// training: the validation part is not empty when early stopping, restoring the best epoch, the refit or the
/// learning-rate decay need it, leaves ratings to fit on, the batch is not larger than the fitting part, and the
/// memory estimate (<see cref="MemoryEstimate"/>) is within the limit. A failure is a usage error naming where the
/// setting came from (a flag, a configuration file or a preset).
/// </summary>
internal static class TrainingChecks
{
    /// <summary>
    /// Checks <paramref name="config"/> for training on <paramref name="trainRatings"/> ratings of <paramref name="data"/>;
    /// <paramref name="origin"/> says where a hyperparameter's value came from (<see cref="ConfigurationOptions.Origin"/>).
    /// Returns the memory estimate (a validation part that rounds to nothing while nothing needs it is left to training,
    /// which reports it as a warning).
    /// </summary>
    public static MemoryEstimate Check(RatingDataset data, int trainRatings, HybridConfiguration config, ConfigurationOptions options,
        Func<Hyperparameter, string> origin, long? memoryLimit)
    {
        var t = config.Training;
        var validationOption = options.All.Single(h => h.Field == "training.validation_fraction");
        // As HybridTrainer.CarveValidation carves it: round(fraction · N) validation ratings.
        int validation = (int)Math.Round(t.ValidationFraction * trainRatings);
        int fit = trainRatings - validation;
        if (fit <= 0)
            throw new UsageException($"the validation part ({origin(validationOption)}) takes all {trainRatings:N0} training ratings and leaves none to fit on.");
        if (t.ValidationFraction > 0 && validation == 0)
        {
            var needs = new List<string>();
            if (t.Patience is int patience) needs.Add($"early stopping (patience {patience})");
            if (t.RestoreBestEpoch) needs.Add("restoring the best epoch");
            if (t.RefitOnAllData) needs.Add("the refit");
            if (t.LearningRateDecay < 1) needs.Add("the learning-rate decay");
            string empty = $"the validation part is empty: {origin(validationOption)} of {trainRatings:N0} training ratings rounds to 0 ratings";
            if (needs.Count > 0)
                throw new UsageException($"{empty}, but {Words(needs)} need{(needs.Count == 1 ? "s" : "")} one; train on more ratings, raise --validation, or give --validation 0.");
            // Nothing needs it: training goes ahead and says so (TrainingResult.Warnings).
        }
        if (t.BatchSize > fit)
            throw new UsageException(string.Create(CultureInfo.InvariantCulture,
                $"the batch size ({origin(options.BatchSize)}) is larger than the {fit:N0} ratings each model fits on ({trainRatings:N0} training ratings less {validation:N0} for validation); give a batch size of at most {fit:N0}."));

        MemoryEstimate estimate;
        try { estimate = MemoryEstimate.For(data, config, trainRatings, fit); }
        catch (ArgumentException e) { throw new UsageException($"the model cannot be built ({origin(options.EmbeddingSize)}): {ErrorPolicy.MessageOf(e)}"); }
        long limit = memoryLimit ?? GC.GetGCMemoryInfo().TotalAvailableMemoryBytes;
        long inUse = GC.GetTotalMemory(forceFullCollection: false);
        if (estimate.TotalBytes + inUse > limit)
            throw new UsageException(
                $"training needs {estimate.Describe()} on top of the {MemoryEstimate.Size(inUse)} in use, more than the {MemoryEstimate.Size(limit)} " +
                $"{(memoryLimit is null ? "this process may use" : "of --memory-limit")}; lower the embedding size ({origin(options.EmbeddingSize)}) or the batch size ({origin(options.BatchSize)}), " +
                "or train fewer models at a time (--threads).");
        return estimate;
    }

    /// <summary><c>a</c>, <c>a and b</c>, <c>a, b and c</c>.</summary>
    private static string Words(IReadOnlyList<string> items) => items.Count == 1 ? items[0] : $"{string.Join(", ", items.Take(items.Count - 1))} and {items[^1]}";
}
