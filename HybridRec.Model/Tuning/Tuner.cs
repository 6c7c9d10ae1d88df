using System.Diagnostics;

namespace HybridRec.Model.Tuning;

/// <summary>Runs a hyperparameter search: asks a sampler for parameters, evaluates the objective, records the trial.</summary>
public static class Tuner
{
    /// <summary>
    /// Runs <paramref name="trials"/> trials one after another. The objective receives the trial's parameters and
    /// <paramref name="ct"/>; it signals a failed trial by a NaN or infinite score (exceptions it throws propagate
    /// and end the search). Each finished trial is reported to <paramref name="progress"/> before the next starts,
    /// so a caller can persist trials as they come.
    /// </summary>
    /// <param name="sampler">Proposes each trial's parameters from the trials so far.</param>
    /// <param name="objective">Evaluates one set of parameters; lower scores are better.</param>
    /// <param name="trials">Number of trials, at least 1 (at most <see cref="GridSampler.Count"/> for a grid).</param>
    /// <param name="progress">Optional sink for each finished trial.</param>
    /// <param name="ct">Cancels the search between trials (and whatever the objective does with it).</param>
    /// <returns>All trials with the best one.</returns>
    /// <exception cref="OperationCanceledException"><paramref name="ct"/> was cancelled; trials finished before were reported.</exception>
    public static TuningResult Run(
        ISampler sampler,
        Func<TrialParameters, CancellationToken, TrialOutcome> objective,
        int trials,
        IProgress<TrialResult>? progress = null,
        CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(sampler);
        ArgumentNullException.ThrowIfNull(objective);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(trials);
        if (sampler is GridSampler grid && trials > grid.Count)
            throw new ArgumentOutOfRangeException(nameof(trials), trials, $"The grid has only {grid.Count} points.");

        var history = new List<TrialResult>(trials);
        for (int number = 0; number < trials; number++)
        {
            ct.ThrowIfCancellationRequested();
            var parameters = sampler.Suggest(history)
                ?? throw new InvalidOperationException($"The sampler returned null for trial {number}.");
            var watch = Stopwatch.StartNew();
            var outcome = objective(parameters, ct)
                ?? throw new InvalidOperationException($"The objective returned null for trial {number} ({parameters}).");
            watch.Stop();
            var metrics = new Dictionary<string, double>(outcome.Metrics ?? new Dictionary<string, double>(), StringComparer.Ordinal);
            var result = new TrialResult(number, parameters, outcome.Score, watch.Elapsed, metrics.AsReadOnly());
            history.Add(result);
            progress?.Report(result);
        }
        return new TuningResult(history);
    }
}
