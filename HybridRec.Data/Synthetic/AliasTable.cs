namespace HybridRec.Data.Synthetic;

/// <summary>
/// Walker's alias method (Vose's construction): draws index <c>i</c> with probability proportional to its weight
/// in O(1) and one random number per draw. Read-only after construction, so threads can share it.
/// </summary>
internal sealed class AliasTable
{
    private readonly double[] _threshold; // (n) probability of keeping column i, else its alias
    private readonly int[] _alias;        // (n)

    /// <summary>Builds the table from non-negative weights with a positive sum.</summary>
    public AliasTable(ReadOnlySpan<long> weights)
    {
        int n = weights.Length;
        if (n == 0) throw new ArgumentException("an alias table needs at least one weight.", nameof(weights));
        double total = 0;
        foreach (long w in weights) total += w;
        if (!(total > 0)) throw new ArgumentException("the weights must have a positive sum.", nameof(weights));

        _threshold = new double[n];
        _alias = new int[n];
        var scaled = new double[n];
        var small = new int[n];
        var large = new int[n];
        int ns = 0, nl = 0;
        for (int i = 0; i < n; i++)
        {
            scaled[i] = weights[i] * (n / total);
            if (scaled[i] < 1.0) small[ns++] = i; else large[nl++] = i;
        }
        while (ns > 0 && nl > 0)
        {
            int s = small[--ns], l = large[--nl];
            _threshold[s] = scaled[s];
            _alias[s] = l;
            scaled[l] = scaled[l] + scaled[s] - 1.0;
            if (scaled[l] < 1.0) small[ns++] = l; else large[nl++] = l;
        }
        // Whatever is left is 1 up to rounding.
        while (nl > 0) { int l = large[--nl]; _threshold[l] = 1.0; _alias[l] = l; }
        while (ns > 0) { int s = small[--ns]; _threshold[s] = 1.0; _alias[s] = s; }
    }

    /// <summary>Number of outcomes.</summary>
    public int Count => _alias.Length;

    /// <summary>Draws an index: the high 32 bits pick a column, the low 32 bits decide between it and its alias.</summary>
    public int Sample(SeededRandom rng)
    {
        ulong x = rng.NextUInt64();
        int column = (int)(((x >> 32) * (ulong)_alias.Length) >> 32);
        double u = (x & 0xFFFF_FFFFUL) * (1.0 / 4294967296.0);
        return u < _threshold[column] ? column : _alias[column];
    }
}
