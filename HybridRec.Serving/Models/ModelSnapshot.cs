using HybridRec.Model;
using HybridRec.Model.Recommendation;

namespace HybridRec.Serving.Models;

/// <summary>
/// One loaded model and what serving derives from it (the item similarity index, the training ratings per item, the
/// recommendation cache). Immutable: a reload builds a new snapshot and swaps it in, so a request that took a
/// snapshot finishes on it.
/// </summary>
public sealed class ModelSnapshot
{
    private readonly RecommendationCache? _cache;
    private readonly bool _parallelScoring;
    private readonly int _minTrainingRatings;

    internal ModelSnapshot(HybridModel model, ModelVersion version, string path, DateTimeOffset loadedAt, HybridRecServingOptions options)
    {
        model.FoldInUser([]);   // the serving form and the fold-in's cached moments, built here rather than by the first request
        Model = model;
        Version = version;
        Path = path;
        LoadedAt = loadedAt;
        Similarity = new ItemSimilarity(model);
        TrainingRatings = CountTrainingRatings(model);
        _minTrainingRatings = options.CandidateMinTrainingRatings;
        _parallelScoring = options.ParallelScoring;
        _cache = options.RecommendationCacheUsers > 0 ? new RecommendationCache(options.RecommendationCacheUsers, options.MaxCount) : null;
    }

    /// <summary>The model.</summary>
    public HybridModel Model { get; }

    /// <summary>The file's hash, write time and length.</summary>
    public ModelVersion Version { get; }

    /// <summary>The file it was loaded from.</summary>
    public string Path { get; }

    /// <summary>When it was loaded.</summary>
    public DateTimeOffset LoadedAt { get; }

    /// <summary>Item-to-item similarity from the model's item embeddings (built at load).</summary>
    public ItemSimilarity Similarity { get; }

    /// <summary>Training ratings per item index (from the users' training histories).</summary>
    public IReadOnlyList<int> TrainingRatings { get; }

    /// <summary>The fewest training ratings a movie returned by similarity or the cold start has (<see cref="HybridRecServingOptions.CandidateMinTrainingRatings"/>).</summary>
    public int CandidateMinTrainingRatings => _minTrainingRatings;

    /// <summary>Whether item index <paramref name="item"/> may be returned by similarity and cold start (<see cref="HybridRecServingOptions.CandidateMinTrainingRatings"/>).</summary>
    public bool IsCandidate(int item) => TrainingRatings[item] >= _minTrainingRatings;

    /// <summary>
    /// Turns <paramref name="scores"/> (one per item index) into the best <paramref name="count"/> candidates, best
    /// first (ties by the lower index), skipping the sorted indices in <paramref name="excluded"/> and the items that
    /// are not candidates (<see cref="IsCandidate"/>; their scores are overwritten, the returned items' are not).
    /// </summary>
    public int[] TopCandidates(float[] scores, int count, ReadOnlySpan<int> excluded)
    {
        int rare = 0;
        for (int m = 0; m < scores.Length; m++)
            if (!IsCandidate(m)) { scores[m] = float.NegativeInfinity; rare++; }
        var top = TopItems.Select(scores, excluded, count, null);
        return rare == 0 ? top : top.Where(IsCandidate).ToArray();
    }

    /// <summary>The <paramref name="count"/> candidates most similar to raw item <paramref name="itemId"/> (which must be in the model), best first.</summary>
    public IReadOnlyList<SimilarItem> SimilarItems(int itemId, int count)
    {
        int item = Model.Items.GetIndex(itemId);
        var similarities = new float[Model.Items.Count];
        Similarity.SimilaritiesTo(item, similarities);
        return TopCandidates(similarities, count, [item]).Select(m => new SimilarItem(Model.Items.GetRawId(m), Model.ItemNames[m], similarities[m])).ToList();
    }

    /// <summary>Users whose recommendation lists are cached.</summary>
    public int CachedUsers => _cache?.Count ?? 0;

    /// <summary>
    /// The best <paramref name="count"/> items for known user <paramref name="userId"/> that the user did not rate in
    /// training, from the cache when it holds the user, otherwise scored on the calling thread (or in parallel, with
    /// <see cref="HybridRecServingOptions.ParallelScoring"/>).
    /// </summary>
    public IReadOnlyList<Recommendation> Recommend(int userId, int count)
    {
        if (_cache is not null && count <= _cache.ListLength)
        {
            var list = _cache.GetOrAdd(userId, Score);
            return count >= list.Count ? list : list.Take(count).ToList();
        }
        return Score(userId, count);
    }

    private IReadOnlyList<Recommendation> Score(int userId, int count) =>
        Model.Recommend(userId, new RecommendOptions { Count = count, Parallel = _parallelScoring });

    private static int[] CountTrainingRatings(HybridModel model) =>
        Enumerable.Range(0, model.Items.Count).Select(m => model.TrainingRatingCount(model.Items.GetRawId(m))).ToArray();
}
