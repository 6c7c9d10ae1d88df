using HybridRec.Data;

namespace HybridRec.Model.Evaluation;

/// <summary>
/// The popularity baseline: every user gets the same ranking, items with the most ratings in the training split
/// first. Ties rank by item index ascending, which is raw item id ascending (<see cref="IdMap"/> orders indices by
/// raw id). Its score is the count itself, exact as a float up to 2^24 ratings per item. Immutable, thread-safe.
/// </summary>
public sealed class PopularityRanker : IItemRanker
{
    private readonly int[] _counts;

    /// <summary>Creates a ranker from a copy of per-item rating counts (item index → count).</summary>
    /// <exception cref="ArgumentException">A count is negative.</exception>
    public PopularityRanker(ReadOnlySpan<int> counts)
        : this(counts.ToArray())
    {
    }

    private PopularityRanker(int[] counts)
    {
        foreach (int c in counts)
            if (c < 0) throw new ArgumentException("rating counts cannot be negative.", nameof(counts));
        _counts = counts;
    }

    /// <summary>Counts the ratings of each of <paramref name="items"/> items in <paramref name="train"/> (every rating counts once).</summary>
    public static PopularityRanker FromRatings(RatingTable train, int items)
    {
        ArgumentNullException.ThrowIfNull(train);
        ArgumentOutOfRangeException.ThrowIfNegative(items);
        var counts = new int[items];
        foreach (int m in train.Items)
        {
            if ((uint)m >= (uint)items) throw new ArgumentOutOfRangeException(nameof(train), m, $"a rating's item index {m} is outside [0, {items}).");
            counts[m]++;
        }
        return new PopularityRanker(counts);
    }

    /// <inheritdoc />
    public int ItemCount => _counts.Length;

    /// <summary>The training rating count of item index <paramref name="item"/>.</summary>
    public int CountOf(int item) => _counts[item];

    /// <summary>
    /// The whole ranking, best first: item indices by count descending, ties by index ascending. Equal to what
    /// <see cref="RankingEvaluator"/> ranks for a user who rated nothing in training.
    /// </summary>
    public int[] Ranking()
    {
        var order = Enumerable.Range(0, _counts.Length).ToArray();
        Array.Sort(order, (a, b) => _counts[a] != _counts[b] ? _counts[b].CompareTo(_counts[a]) : a.CompareTo(b));
        return order;
    }

    /// <inheritdoc />
    public void ScoreItems(int user, Span<float> scores)
    {
        if (scores.Length != _counts.Length) throw new ArgumentException($"expected {_counts.Length} scores, got a span of {scores.Length}.", nameof(scores));
        for (int m = 0; m < _counts.Length; m++) scores[m] = _counts[m];
    }
}
