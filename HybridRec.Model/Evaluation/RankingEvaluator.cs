using HybridRec.Data;

namespace HybridRec.Model.Evaluation;

/// <summary>
/// Top-N quality of a model on a test split: for every user with test ratings, rank every item the user did not
/// rate in training by predicted rating, cut at K, and compare with the test items rated at least
/// <c>relevantAtLeast</c> stars (4 by default). Users without a relevant test item are skipped and counted.
/// </summary>
public static class RankingEvaluator
{
    /// <summary>Default relevance threshold in stars.</summary>
    public const float DefaultRelevantAtLeast = 4.0f;

    /// <summary>Precision, recall, NDCG, hit rate, MAP at <paramref name="k"/> and catalogue coverage.</summary>
    public static RankingSummary Evaluate(HybridModel model, RatingTable test, int k = 10, float relevantAtLeast = DefaultRelevantAtLeast)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(test);
        ArgumentOutOfRangeException.ThrowIfLessThan(k, 1);
        var relevant = new Dictionary<int, HashSet<int>>();
        for (int i = 0; i < test.Count; i++)
        {
            if (!relevant.TryGetValue(test.Users[i], out var set)) relevant[test.Users[i]] = set = [];
            if (test.Stars[i] >= relevantAtLeast) set.Add(test.Items[i]);
        }
        var users = relevant.Keys.Order().ToArray();
        var ranked = new IReadOnlyList<int>[users.Length];
        Parallel.For(0, users.Length, () => new float[model.Items.Count], (i, _, scores) =>
        {
            ranked[i] = model.TopUnseen(users[i], k, scores, parallel: false);
            return scores;
        }, _ => { });
        return RankingMetrics.Summarize(users.Select((u, i) => (ranked[i], (IReadOnlySet<int>)relevant[u])), k, model.Items.Count);
    }
}
