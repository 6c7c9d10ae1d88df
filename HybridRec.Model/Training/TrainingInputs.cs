using HybridRec.Data;

namespace HybridRec.Model.Training;

/// <summary>The checks of what a training run is given, before anything is allocated for it: clear messages instead of an exception deep inside.</summary>
internal static class TrainingInputs
{
    /// <summary>
    /// Throws <see cref="ArgumentException"/> when <paramref name="ratings"/> is empty, when the dataset's rating scale
    /// cannot normalise ratings, or naming the first rating whose user or item index is not one of
    /// <paramref name="dataset"/>'s or whose value is not finite (e.g. a table of another dataset). An empty table is
    /// accepted when <paramref name="allowEmpty"/>.
    /// </summary>
    public static void Check(RatingDataset dataset, RatingTable ratings, string what, bool allowEmpty = false)
    {
        if (ratings.Count == 0 && !allowEmpty) throw new ArgumentException($"the {what} has no ratings (dataset '{dataset.Name}').");
        if (ModelChecks.ScaleProblem(dataset.Scale) is { } scaleProblem)
            throw new ArgumentException($"dataset '{dataset.Name}': the rating scale {dataset.Scale} cannot normalise ratings: {scaleProblem}.");
        int users = dataset.Users.Count, items = dataset.Items.Count;
        for (int i = 0; i < ratings.Count; i++)
        {
            if ((uint)ratings.Users[i] >= (uint)users)
                throw new ArgumentException($"rating {i:N0} of the {what} has user index {ratings.Users[i]}, but dataset '{dataset.Name}' has {users:N0} users (indices 0 to {users - 1:N0}): is the table from another dataset?");
            if ((uint)ratings.Items[i] >= (uint)items)
                throw new ArgumentException($"rating {i:N0} of the {what} has item index {ratings.Items[i]}, but dataset '{dataset.Name}' has {items:N0} items (indices 0 to {items - 1:N0}): is the table from another dataset?");
            if (!float.IsFinite(ratings.Stars[i]))
                throw new ArgumentException($"rating {i:N0} of the {what} (user index {ratings.Users[i]}, item index {ratings.Items[i]}) is {ratings.Stars[i]}, not a finite value.");
        }
    }

    /// <summary>
    /// The validation part's size for <paramref name="count"/> training ratings (round(fraction · count), as
    /// <see cref="HybridTrainer.CarveValidation"/> carves it). When <see cref="TrainingOptions.ValidationFraction"/> &gt; 0
    /// asks for a part that rounds to nothing, a run that needs one (early stopping, restoring the best epoch, the refit,
    /// learning-rate decay) throws <see cref="ArgumentException"/> and any other run gets a warning; a part that leaves
    /// nothing to fit on throws.
    /// </summary>
    public static int ValidationCount(TrainingOptions options, int count, List<string> warnings)
    {
        int validation = (int)Math.Round(options.ValidationFraction * count);
        if (validation >= count)
            throw new ArgumentException($"the validation part ({options.ValidationFraction:0.###} of {count:N0} training ratings: {validation:N0}) leaves no rating to fit on.");
        if (options.ValidationFraction == 0 || validation > 0) return validation;
        var needs = new List<string>();
        if (options.Patience is int patience) needs.Add($"early stopping (Patience {patience})");
        if (options.RestoreBestEpoch) needs.Add("restoring the best epoch (RestoreBestEpoch)");
        if (options.RefitOnAllData) needs.Add("the refit (RefitOnAllData)");
        if (options.LearningRateDecay < 1) needs.Add("learning-rate decay on plateau (LearningRateDecay)");
        string empty = $"the validation part is empty: ValidationFraction {options.ValidationFraction:0.###} of {count:N0} training ratings rounds to 0 ratings";
        if (needs.Count > 0)
            throw new ArgumentException($"{empty}, but {string.Join(", ", needs)} need{(needs.Count == 1 ? "s" : "")} one; train on more ratings, raise ValidationFraction, or turn those off.");
        warnings.Add($"{empty}, so no epoch was validated (validation RMSE NaN).");
        return 0;
    }
}
