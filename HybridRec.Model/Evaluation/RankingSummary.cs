namespace HybridRec.Model.Evaluation;

/// <summary>
/// Mean ranking metrics over a set of users, as returned by <see cref="RankingMetrics.Summarize"/>. The means are
/// over the users in <see cref="UsersEvaluated"/> only; users whose relevant set is empty are undefined for every
/// per-user metric and are counted in <see cref="UsersSkipped"/> instead. When no user was evaluated the means are
/// <see cref="double.NaN"/>.
/// </summary>
/// <param name="K">Cut-off the metrics were computed at.</param>
/// <param name="Precision">Mean precision@K.</param>
/// <param name="Recall">Mean recall@K.</param>
/// <param name="Ndcg">Mean NDCG@K (binary relevance).</param>
/// <param name="HitRate">Fraction of evaluated users with at least one relevant item in their top K.</param>
/// <param name="MeanAveragePrecision">MAP@K: mean of the per-user average precision@K.</param>
/// <param name="Coverage">Catalogue coverage of the top-K lists of all users, skipped users included.</param>
/// <param name="UsersEvaluated">Users with a non-empty relevant set, over whom the means are taken.</param>
/// <param name="UsersSkipped">Users with an empty relevant set, left out of the means.</param>
public sealed record RankingSummary(
    int K,
    double Precision,
    double Recall,
    double Ndcg,
    double HitRate,
    double MeanAveragePrecision,
    double Coverage,
    int UsersEvaluated,
    int UsersSkipped)
{
    /// <inheritdoc />
    public override string ToString() =>
        FormattableString.Invariant(
            $"P@{K}={Precision:F4} R@{K}={Recall:F4} NDCG@{K}={Ndcg:F4} HR@{K}={HitRate:F4} MAP@{K}={MeanAveragePrecision:F4} coverage={Coverage:F4} users={UsersEvaluated} (skipped {UsersSkipped})");
}
