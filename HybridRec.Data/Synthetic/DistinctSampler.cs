namespace HybridRec.Data.Synthetic;

/// <summary>
/// Weighted sampling without replacement (successive sampling: each draw picks among the items not yet drawn
/// with probability proportional to weight). Draws by rejection from a shared <see cref="AliasTable"/> while
/// that is cheap, then, once many draws hit items already taken (heavy users of a skewed catalogue), switches to
/// a private <see cref="FenwickSampler"/> with the taken items removed. Both give the same distribution.
/// One instance per thread.
/// </summary>
internal sealed class DistinctSampler
{
    /// <summary>Consecutive rejected draws after which the sampler switches to the tree.</summary>
    private const int MaxConsecutiveMisses = 32;

    private readonly long[] _weights;
    private readonly AliasTable _alias;
    private readonly FenwickSampler _tree;
    private readonly long _total;
    private readonly int[] _stamp;
    private int _mark;

    /// <summary>Creates a sampler over <paramref name="weights"/> (all ≥ 1) sharing the read-only <paramref name="alias"/> and copying <paramref name="tree"/>.</summary>
    public DistinctSampler(long[] weights, AliasTable alias, FenwickSampler tree)
    {
        _weights = weights;
        _alias = alias;
        _tree = new FenwickSampler(tree);
        _total = _tree.Total;
        _stamp = new int[weights.Length];
    }

    /// <summary>Fills <paramref name="result"/> with distinct indices, in draw order; at most <c>weights.Length</c> of them.</summary>
    public void Sample(SeededRandom rng, Span<int> result)
    {
        int k = result.Length, n = _weights.Length;
        if (k > n) throw new ArgumentException($"cannot draw {k} distinct items from {n}.", nameof(result));
        if (k == n)
        {
            for (int i = 0; i < n; i++) result[i] = i;
            return;
        }
        if (++_mark == int.MaxValue)
        {
            Array.Clear(_stamp);
            _mark = 1;
        }

        int got = 0, misses = 0;
        while (got < k)
        {
            int i = _alias.Sample(rng);
            if (_stamp[i] == _mark)
            {
                if (++misses > MaxConsecutiveMisses) break;
                continue;
            }
            _stamp[i] = _mark;
            result[got++] = i;
            misses = 0;
        }
        if (got == k) return;

        long remaining = _total;
        for (int j = 0; j < got; j++)
        {
            _tree.Add(result[j], -_weights[result[j]]);
            remaining -= _weights[result[j]];
        }
        while (got < k)
        {
            int i = _tree.Sample(rng, remaining);
            _tree.Add(i, -_weights[i]);
            remaining -= _weights[i];
            result[got++] = i;
        }
        for (int j = 0; j < k; j++) _tree.Add(result[j], _weights[result[j]]); // exact restore: integers
    }
}
