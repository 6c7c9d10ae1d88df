namespace HybridRec.Data.Synthetic;

/// <summary>
/// Splits an exact integer total among items in proportion to weights, with a minimum and a maximum per item
/// (water-filling for the maximum, largest remainders for the rounding). Deterministic: ties break by index.
/// </summary>
internal static class ExactAllocation
{
    /// <summary>
    /// Counts <c>c[i]</c> with <c>min ≤ c[i] ≤ max</c> and <c>Σ c = total</c>, the part above <paramref name="min"/>
    /// proportional to <paramref name="weights"/> (positive, finite) as far as the maximum allows.
    /// </summary>
    public static int[] Allocate(ReadOnlySpan<double> weights, long total, int min, int max)
    {
        int n = weights.Length;
        if (n == 0) throw new ArgumentException("nothing to allocate to.", nameof(weights));
        if (min < 0 || max < min) throw new ArgumentOutOfRangeException(nameof(max), $"need 0 ≤ min ≤ max (min {min}, max {max}).");
        if (total < (long)n * min || total > (long)n * max)
            throw new ArgumentOutOfRangeException(nameof(total), $"{total} cannot be split among {n} items with {min}–{max} each.");
        foreach (double weight in weights)
            if (!(weight > 0) || !double.IsFinite(weight)) throw new ArgumentException("weights must be positive and finite.", nameof(weights));

        var counts = new int[n];
        long extra = total - (long)n * min;
        int cap = max - min;

        // Water-filling: items sorted by weight, largest first; the largest are capped until the scale λ fits.
        var order = new int[n];
        for (int i = 0; i < n; i++) order[i] = i;
        var w = weights.ToArray();
        Array.Sort(order, (a, b) => w[a] != w[b] ? w[b].CompareTo(w[a]) : a.CompareTo(b));
        double rest = 0;
        for (int j = n - 1; j >= 0; j--) rest += w[order[j]]; // smallest first: less rounding
        int saturated = 0;
        double lambda = 0;
        while (saturated < n)
        {
            lambda = (extra - (double)saturated * cap) / rest;
            if (lambda * w[order[saturated]] <= cap) break;
            rest -= w[order[saturated]];
            saturated++;
        }

        var share = new double[n];
        long assigned = 0;
        for (int j = 0; j < n; j++)
        {
            int i = order[j];
            double s = j < saturated ? cap : Math.Min(cap, lambda * w[i]);
            share[i] = s;
            counts[i] = (int)Math.Min(cap, Math.Max(0, Math.Floor(s)));
            assigned += counts[i];
        }

        // Largest remainders (ties by index) take the units left by flooring; rounding errors are settled the same way.
        long left = extra - assigned;
        if (left != 0)
        {
            var byRemainder = new int[n];
            for (int i = 0; i < n; i++) byRemainder[i] = i;
            Array.Sort(byRemainder, (a, b) =>
            {
                double ra = share[a] - counts[a], rb = share[b] - counts[b];
                return ra != rb ? rb.CompareTo(ra) : a.CompareTo(b);
            });
            while (left > 0)
                foreach (int i in byRemainder)
                {
                    if (left == 0) break;
                    if (counts[i] < cap) { counts[i]++; left--; }
                }
            while (left < 0)
                for (int j = n - 1; j >= 0 && left < 0; j--)
                {
                    int i = byRemainder[j];
                    if (counts[i] > 0) { counts[i]--; left++; }
                }
        }

        for (int i = 0; i < n; i++) counts[i] += min;
        return counts;
    }
}
