namespace HybridRec.Model.Recommendation;

/// <summary>The top-K selection shared by recommendation and ranking evaluation.</summary>
public static class TopItems
{
    /// <summary>
    /// Item indices of the <paramref name="count"/> highest <paramref name="scores"/>, best first, ties broken by
    /// the lower index, NaN ranked below every number; skipping the indices in <paramref name="excludedSorted"/>
    /// (ascending) and those where <paramref name="blocked"/> is true. Fewer when fewer items are left.
    /// </summary>
    public static int[] Select(ReadOnlySpan<float> scores, ReadOnlySpan<int> excludedSorted, int count, bool[]? blocked)
    {
        if (count <= 0) return [];
        // A min-heap of the best `count` keyed by (score, -index): its top is the worst kept item.
        var heap = new PriorityQueue<int, (float Score, int NegIndex)>(Math.Min(count, scores.Length) + 1);
        for (int m = 0, s = 0; m < scores.Length; m++)
        {
            while (s < excludedSorted.Length && excludedSorted[s] < m) s++;
            if (s < excludedSorted.Length && excludedSorted[s] == m) continue;
            if (blocked is not null && blocked[m]) continue;
            float score = float.IsNaN(scores[m]) ? float.NegativeInfinity : scores[m];
            if (heap.Count < count) heap.Enqueue(m, (score, -m));
            else if (heap.TryPeek(out _, out var worst) && (score > worst.Score || (score == worst.Score && -m > worst.NegIndex)))
                heap.EnqueueDequeue(m, (score, -m));
        }
        var result = new int[heap.Count];
        for (int i = result.Length - 1; i >= 0; i--) result[i] = heap.Dequeue();
        return result;
    }
}
