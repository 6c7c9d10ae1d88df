using System.Collections.Concurrent;
using HybridRec.Model.Recommendation;

namespace HybridRec.Serving.Models;

/// <summary>
/// Known users' best <c>listLength</c> recommendations for one loaded model, so a repeated request costs a lookup
/// instead of scoring the catalogue. The ranking is a strict order (score, then item index), so the best k of a
/// list of the best <c>listLength</c> are the best k. Holds at most <c>capacity</c> users; beyond that lists are
/// computed and not kept. Thread-safe; lives and dies with its <see cref="ModelSnapshot"/>.
/// </summary>
internal sealed class RecommendationCache(int capacity, int listLength)
{
    private readonly ConcurrentDictionary<int, IReadOnlyList<Recommendation>> _lists = new();

    /// <summary>The length of the lists kept (requests for more bypass the cache).</summary>
    public int ListLength => listLength;

    /// <summary>Users whose lists are kept.</summary>
    public int Count => _lists.Count;

    /// <summary>The best <see cref="ListLength"/> recommendations of <paramref name="userId"/>, computed by <paramref name="compute"/> on a miss.</summary>
    public IReadOnlyList<Recommendation> GetOrAdd(int userId, Func<int, int, IReadOnlyList<Recommendation>> compute)
    {
        if (_lists.TryGetValue(userId, out var list)) return list;
        list = compute(userId, listLength);
        // Two requests for the same user may both compute it: the lists are equal, either may stay.
        if (_lists.Count < capacity) _lists.TryAdd(userId, list);
        return list;
    }
}
