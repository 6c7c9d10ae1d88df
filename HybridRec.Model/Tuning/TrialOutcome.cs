namespace HybridRec.Model.Tuning;

/// <summary>What an objective returns for one trial.</summary>
/// <param name="Score">The value to minimise; NaN or ±∞ marks the trial as failed (samplers treat it as bad).</param>
/// <param name="Metrics">Extra values to record with the trial, in the order they should be reported.</param>
public sealed record TrialOutcome(double Score, IReadOnlyDictionary<string, double> Metrics)
{
    private static readonly IReadOnlyDictionary<string, double> NoMetrics = new Dictionary<string, double>();

    /// <summary>An outcome with a score and no extra metrics.</summary>
    public TrialOutcome(double score) : this(score, NoMetrics) { }
}
