using HybridRec.Data;
using HybridRec.Model.Recommendation;

namespace HybridRec.Model.Evaluation;

/// <summary>
/// Top-N quality on held-out ratings, one protocol for every ranker: for every user with held-out ratings, rank
/// every item the user did not rate in training (<c>seen</c>) by the ranker's score (ties by the lower item index),
/// cut at K, and compare with the held-out items rated at least <see cref="RankingOptions.RelevantAtLeast"/>. Users
/// without a relevant held-out item are skipped (counted in <see cref="RankingSummary.UsersSkipped"/>); the metrics
/// are means over the other users. Users are ranked in parallel; the result does not depend on the thread count.
/// </summary>
public static class RankingEvaluator
{
    /// <summary>Default relevance threshold in stars (<see cref="RankingOptions.DefaultRelevantAtLeast"/>).</summary>
    public const float DefaultRelevantAtLeast = RankingOptions.DefaultRelevantAtLeast;

    /// <summary>The model's ranking (by <see cref="Recommendation.Recommendation.Score"/>) on <paramref name="test"/>, excluding each user's training items.</summary>
    public static RankingSummary Evaluate(HybridModel model, RatingTable test, RankingOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(model);
        return Evaluate(model, model.History, test, options);
    }

    /// <summary>
    /// Precision, recall, NDCG, hit rate, MAP at K and catalogue coverage of <paramref name="ranker"/> on
    /// <paramref name="test"/> (user and item indices), excluding for each user the items <paramref name="seen"/>
    /// lists for them.
    /// </summary>
    public static RankingSummary Evaluate(IItemRanker ranker, UserHistory seen, RatingTable test, RankingOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(ranker);
        ArgumentNullException.ThrowIfNull(seen);
        ArgumentNullException.ThrowIfNull(test);
        options ??= RankingOptions.Default;
        options.Validate();
        int items = ranker.ItemCount;
        if (items < 1) throw new ArgumentException("the ranker has no items.", nameof(ranker));
        var relevant = new Dictionary<int, HashSet<int>>();
        for (int i = 0; i < test.Count; i++)
        {
            int u = test.Users[i];
            if ((uint)u >= (uint)seen.Users) throw new ArgumentException($"held-out rating {i} has user index {u}, outside the history's [0, {seen.Users}).", nameof(test));
            if ((uint)test.Items[i] >= (uint)items) throw new ArgumentException($"held-out rating {i} has item index {test.Items[i]}, outside [0, {items}).", nameof(test));
            if (!relevant.TryGetValue(u, out var set)) relevant[u] = set = [];
            if (test.Stars[i] >= options.RelevantAtLeast) set.Add(test.Items[i]);
        }
        var users = relevant.Keys.Order().ToArray();
        var ranked = new IReadOnlyList<int>[users.Length];
        int k = options.K;
        Parallel.For(0, users.Length, () => new float[items], (i, _, scores) =>
        {
            ranker.ScoreItems(users[i], scores);
            ranked[i] = TopItems.Select(scores, seen.Of(users[i]), k, null);
            return scores;
        }, _ => { });
        return RankingMetrics.Summarize(users.Select((u, i) => (ranked[i], (IReadOnlySet<int>)relevant[u])), k, items);
    }

    /// <summary>
    /// The popularity baseline (<see cref="PopularityRanker"/> counted on <paramref name="train"/>) on
    /// <paramref name="test"/> with the same protocol: each user's <paramref name="train"/> items excluded.
    /// </summary>
    public static RankingSummary EvaluatePopularity(RatingTable train, RatingTable test, int users, int items, RankingOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(train);
        return Evaluate(PopularityRanker.FromRatings(train, items), UserHistory.FromRatings(train, users), test, options);
    }
}
