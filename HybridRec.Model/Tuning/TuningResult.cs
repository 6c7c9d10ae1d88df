namespace HybridRec.Model.Tuning;

/// <summary>The trials of a search, in the order they ran, with the best one and the best score so far.</summary>
public sealed class TuningResult
{
    private readonly TrialResult[] _trials;
    private readonly TrialResult? _best;
    private readonly double[] _bestSoFar;

    /// <summary>Creates a result from finished trials in the order they ran (for example ones collected through a progress sink).</summary>
    /// <exception cref="ArgumentException">There are no trials, or one is null.</exception>
    public TuningResult(IEnumerable<TrialResult> trials)
    {
        ArgumentNullException.ThrowIfNull(trials);
        _trials = trials.ToArray();
        if (_trials.Length == 0) throw new ArgumentException("A tuning result needs at least one trial.", nameof(trials));
        _bestSoFar = new double[_trials.Length];
        double best = double.PositiveInfinity;
        for (int i = 0; i < _trials.Length; i++)
        {
            var t = _trials[i] ?? throw new ArgumentException($"Trial {i} is null.", nameof(trials));
            if (t.Succeeded && t.Score < best) { best = t.Score; _best = t; }
            _bestSoFar[i] = best;
        }
    }

    /// <summary>Every trial, in the order it ran.</summary>
    public IReadOnlyList<TrialResult> Trials => Array.AsReadOnly(_trials);

    /// <summary>Whether at least one trial produced a finite score.</summary>
    public bool AnySucceeded => _best is not null;

    /// <summary>The trial with the lowest finite score (the earliest one on ties).</summary>
    /// <exception cref="InvalidOperationException">Every trial failed.</exception>
    public TrialResult Best => _best ?? throw new InvalidOperationException($"All {_trials.Length} trials failed (no finite score).");

    /// <summary>Element <c>i</c>: the lowest finite score among trials 0..i; +∞ while no trial has succeeded yet.</summary>
    public ReadOnlySpan<double> BestSoFar => _bestSoFar;
}
