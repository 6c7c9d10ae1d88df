namespace HybridRec.Model.Tuning;

/// <summary>One finished trial of a search.</summary>
/// <param name="Number">0-based position of the trial in its search.</param>
/// <param name="Parameters">The parameter values the trial ran with.</param>
/// <param name="Score">The objective; lower is better. NaN or ±∞ marks a failed trial.</param>
/// <param name="Duration">Wall-clock time the objective took.</param>
/// <param name="Metrics">Extra values the objective reported (for example RMSE, NDCG@10, epochs run).</param>
public sealed record TrialResult(
    int Number,
    TrialParameters Parameters,
    double Score,
    TimeSpan Duration,
    IReadOnlyDictionary<string, double> Metrics)
{
    /// <summary>Whether the trial produced a usable score (finite).</summary>
    public bool Succeeded => double.IsFinite(Score);
}
