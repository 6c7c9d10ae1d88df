namespace HybridRec.Model.Evaluation;

/// <summary>Which validation figure a choice is made on (<c>validate --metric</c>, <c>tune --objective</c>).</summary>
public enum ValidationMetric
{
    /// <summary>RMSE in stars on the validation part; lower is better.</summary>
    Rmse,

    /// <summary>NDCG@K on the validation part (<see cref="RankingOptions"/>); higher is better.</summary>
    Ndcg,
}

/// <summary>
/// What a validation protocol (<see cref="ValidationProtocols"/>) measures on one validation part: the RMSE of the
/// predicted ratings, the ranking metrics of the model, and those of the popularity baseline counted on the same
/// fitting data and scored with the same protocol (so <see cref="NdcgToPopularity"/> compares like with like).
/// </summary>
/// <param name="RmseStars">RMSE in stars (rating scale) on the validation part.</param>
/// <param name="Ranking">The model's ranking metrics on the validation part (items of the fitting data excluded).</param>
/// <param name="Popularity">The popularity baseline's ranking metrics on the same part.</param>
public sealed record ValidationScore(double RmseStars, RankingSummary Ranking, RankingSummary Popularity)
{
    /// <summary>The model's NDCG@K.</summary>
    public double Ndcg => Ranking.Ndcg;

    /// <summary>The popularity baseline's NDCG@K.</summary>
    public double PopularityNdcg => Popularity.Ndcg;

    /// <summary>The model's NDCG over the baseline's (above 1: the model ranks better than popularity).</summary>
    public double NdcgToPopularity => Ranking.Ndcg / Popularity.Ndcg;

    /// <summary>The figure of <paramref name="metric"/> as reported (RMSE in stars, or NDCG).</summary>
    public double Value(ValidationMetric metric) => metric switch
    {
        ValidationMetric.Rmse => RmseStars,
        ValidationMetric.Ndcg => Ndcg,
        _ => throw new ArgumentOutOfRangeException(nameof(metric), metric, "unknown validation metric."),
    };

    /// <summary>
    /// The figure of <paramref name="metric"/> as a score to minimise (what <see cref="Tuning.Tuner"/> takes): the RMSE,
    /// or −NDCG, since NDCG is maximised. NaN (no user to rank) marks a failed trial.
    /// </summary>
    public double Objective(ValidationMetric metric) => metric == ValidationMetric.Ndcg ? -Ndcg : Value(metric);

    /// <summary>Turns a score of <see cref="Objective"/> back into the reported figure (−score for NDCG).</summary>
    public static double FromObjective(ValidationMetric metric, double objective) => metric == ValidationMetric.Ndcg ? -objective : objective;
}
