namespace HybridRec.Model.Recommendation;

/// <summary>Deterministic top-k selection over a score per item index.</summary>
public static class TopItems
{
    /// <summary>
    /// Indices of the <paramref name="count"/> highest <paramref name="scores"/>, best first, ties broken by the lower
    /// index, skipping the indices in <paramref name="excluded"/> (sorted ascending, as <see cref="UserHistory.Of"/>
    /// returns them). Fewer than <paramref name="count"/> when fewer items remain. Scores must not be NaN.
    /// </summary>
    public static int[] Select(ReadOnlySpan<float> scores, int count, ReadOnlySpan<int> excluded = default)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(count);
        if (count == 0) return [];
        // A min-heap of the best so far keyed by (score, -index): its root is the worst of them.
        var heap = new PriorityQueue<int, (float Score, int NegIndex)>(Math.Min(count, scores.Length) + 1);
        for (int m = 0, s = 0; m < scores.Length; m++)
        {
            while (s < excluded.Length && excluded[s] < m) s++;
            if (s < excluded.Length && excluded[s] == m) continue;
            float score = scores[m];
            if (heap.Count < count) heap.Enqueue(m, (score, -m));
            else if (heap.TryPeek(out _, out var worst) && (score > worst.Score || (score == worst.Score && -m > worst.NegIndex)))
                heap.EnqueueDequeue(m, (score, -m));
        }
        var result = new int[heap.Count];
        for (int i = result.Length - 1; i >= 0; i--) result[i] = heap.Dequeue();
        return result;
    }
}
