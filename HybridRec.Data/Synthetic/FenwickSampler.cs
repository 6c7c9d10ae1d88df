namespace HybridRec.Data.Synthetic;

/// <summary>
/// A Fenwick (binary indexed) tree over integer weights: draws an index with probability proportional to its
/// current weight and changes a weight, both in O(log n). Integer arithmetic makes removing and restoring a
/// weight exact, so a tree returns to exactly its initial state after a user's draws are put back.
/// </summary>
internal sealed class FenwickSampler
{
    private readonly long[] _tree; // 1-based partial sums
    private readonly int _topBit;

    /// <summary>Builds a tree over <paramref name="weights"/> (non-negative, sum below 2^62).</summary>
    public FenwickSampler(ReadOnlySpan<long> weights)
    {
        int n = weights.Length;
        _tree = new long[n + 1];
        for (int i = 0; i < n; i++) _tree[i + 1] = weights[i];
        for (int i = 1; i <= n; i++)
        {
            int parent = i + (i & -i);
            if (parent <= n) _tree[parent] += _tree[i];
        }
        _topBit = n == 0 ? 0 : 1 << (31 - int.LeadingZeroCount(n));
    }

    /// <summary>A copy with the same weights (trees are mutable; each thread needs its own).</summary>
    public FenwickSampler(FenwickSampler other)
    {
        _tree = (long[])other._tree.Clone();
        _topBit = other._topBit;
    }

    /// <summary>Number of weights.</summary>
    public int Count => _tree.Length - 1;

    /// <summary>Sum of all weights.</summary>
    public long Total
    {
        get
        {
            long sum = 0;
            for (int i = Count; i > 0; i -= i & -i) sum += _tree[i];
            return sum;
        }
    }

    /// <summary>Adds <paramref name="delta"/> to the weight of <paramref name="index"/>.</summary>
    public void Add(int index, long delta)
    {
        for (int i = index + 1; i < _tree.Length; i += i & -i) _tree[i] += delta;
    }

    /// <summary>The index whose cumulative weight range holds <paramref name="target"/> (0 ≤ target &lt; <see cref="Total"/>).</summary>
    public int Find(long target)
    {
        int pos = 0;
        int n = Count;
        for (int step = _topBit; step > 0; step >>= 1)
        {
            int next = pos + step;
            if (next <= n && _tree[next] <= target)
            {
                pos = next;
                target -= _tree[next];
            }
        }
        return pos; // 0-based index of the element after the last full prefix
    }

    /// <summary>Draws an index with probability proportional to the current weights; <paramref name="total"/> is <see cref="Total"/>.</summary>
    public int Sample(SeededRandom rng, long total) => Find((long)SeedStreams.NextBelow(rng, (ulong)total));
}
