namespace HybridRec.Model.Recommendation;

/// <summary>Recommendations scored on the calling thread, for servers (each request already runs on its own thread).</summary>
public static class SequentialRecommendations
{
    /// <summary>
    /// As <see cref="HybridModel.Recommend(int, int)"/> — the same items, order and predictions — but the catalogue is
    /// scored on the calling thread only, never with <see cref="Parallel.For(int, int, Action{int})"/>: under
    /// concurrent requests a parallel loop per request only adds contention for the thread pool.
    /// </summary>
    public static IReadOnlyList<Recommendation> RecommendOnCallingThread(this HybridModel model, int userId, int count = 3)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentOutOfRangeException.ThrowIfNegative(count);
        int u = model.UserIndex(userId);
        var scores = new float[model.Items.Count];
        return model.TopUnseen(u, count, scores, parallel: false)
            .Select(m => new Recommendation(model.Items.GetRawId(m), model.ItemNames[m], model.Scale.Denormalize(scores[m])))
            .ToList();
    }
}
