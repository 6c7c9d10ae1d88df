using System.Globalization;
using HybridRec.Data;

namespace HybridRec.Model.Tuning;

/// <summary>
/// Tree-structured Parzen Estimator (Bergstra et al., 2011) in the univariate form Optuna uses by default.
/// </summary>
/// <remarks>
/// <para>The first <see cref="TpeOptions.StartupTrials"/> suggestions are uniform random draws, identical to those of
/// a <see cref="RandomSampler"/> with the same seed. After that the finished trials are split into a good group (the
/// <see cref="TpeOptions.Gamma"/>(n) lowest finite scores, ties going to the earlier trial) and a bad group (the
/// rest, failed trials included). For each parameter independently a Parzen estimator is fitted to each group —
/// a truncated Gaussian mixture with neighbour-distance bandwidths and a prior component for numeric parameters
/// (in log space for log-scale ones, discrete cells for integers), a smoothed categorical for choices — then
/// <see cref="TpeOptions.Candidates"/> values are drawn from the good density l and the one maximising
/// log l(x) − log g(x) is taken.</para>
/// <para>Each suggestion draws from a stream derived from the seed and the history length, so the sampler holds no
/// state: the same seed and history always give the same suggestion.</para>
/// </remarks>
public sealed class TpeSampler : ISampler
{
    /// <summary>Creates a TPE sampler.</summary>
    /// <param name="space">The space to search.</param>
    /// <param name="options">Settings; <c>null</c> for the defaults with seed 0.</param>
    public TpeSampler(SearchSpace space, TpeOptions? options = null)
    {
        Space = space ?? throw new ArgumentNullException(nameof(space));
        Options = options ?? new TpeOptions();
        ArgumentOutOfRangeException.ThrowIfNegative(Options.StartupTrials, "options.StartupTrials");
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(Options.Candidates, "options.Candidates");
        if (!(Options.PriorWeight > 0) || !double.IsFinite(Options.PriorWeight))
            throw new ArgumentOutOfRangeException("options.PriorWeight", Options.PriorWeight, "The prior weight must be positive and finite.");
        if (Options.Gamma is null) throw new ArgumentNullException("options.Gamma");
    }

    /// <summary>The space searched.</summary>
    public SearchSpace Space { get; }

    /// <summary>The settings in use.</summary>
    public TpeOptions Options { get; }

    /// <inheritdoc />
    /// <exception cref="ArgumentException">A trial in <paramref name="history"/> lacks a parameter of the space or holds an illegal value.</exception>
    public TrialParameters Suggest(IReadOnlyList<TrialResult> history)
    {
        ArgumentNullException.ThrowIfNull(history);
        for (int i = 0; i < history.Count; i++)
        {
            var trial = history[i] ?? throw new ArgumentException($"History entry {i} is null.", nameof(history));
            Space.Check(trial.Parameters, $"History entry {i} (trial {trial.Number})");
        }
        int n = history.Count;
        if (n < Options.StartupTrials) return RandomSampler.Draw(Space, RandomSampler.Stream(Options.Seed, n));

        var (good, bad) = Split(history);
        var rng = SeededRandom.For(Options.Seed, "tpe-trial-" + n.ToString(CultureInfo.InvariantCulture));
        var values = new KeyValuePair<string, double>[Space.Count];
        for (int j = 0; j < Space.Count; j++)
        {
            var parameter = Space[j];
            var l = ParzenEstimator.Fit(parameter, good.Select(t => t.Parameters[parameter.Name]).ToArray(), Options);
            var g = ParzenEstimator.Fit(parameter, bad.Select(t => t.Parameters[parameter.Name]).ToArray(), Options);
            double best = double.NaN, bestScore = double.NegativeInfinity;
            for (int c = 0; c < Options.Candidates; c++)
            {
                double x = l.Sample(rng);
                double score = l.LogDensity(x) - g.LogDensity(x);
                if (double.IsNaN(best) || score > bestScore) { best = x; bestScore = score; }
            }
            values[j] = new(parameter.Name, best);
        }
        return new TrialParameters(values);
    }

    /// <summary>Good = the Gamma(n) best finite scores (ties to the earlier trial); bad = the rest; both oldest first.</summary>
    private (List<TrialResult> Good, List<TrialResult> Bad) Split(IReadOnlyList<TrialResult> history)
    {
        var ranked = Enumerable.Range(0, history.Count)
            .Where(i => history[i].Succeeded)
            .OrderBy(i => history[i].Score).ThenBy(i => i)
            .ToList();
        int nGood = Math.Clamp(Options.Gamma(history.Count), 0, ranked.Count);
        var isGood = new bool[history.Count];
        foreach (int i in ranked.Take(nGood)) isGood[i] = true;
        var good = new List<TrialResult>(nGood);
        var bad = new List<TrialResult>(history.Count - nGood);
        for (int i = 0; i < history.Count; i++) (isGood[i] ? good : bad).Add(history[i]);
        return (good, bad);
    }
}
