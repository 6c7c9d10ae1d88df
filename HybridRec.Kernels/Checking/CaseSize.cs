namespace HybridRec.Kernels;

/// <summary>Shape classes for kernel check cases.</summary>
internal enum CaseSize
{
    /// <summary>A few dozen rows at most: for the ILGPU CPU accelerator in unit tests.</summary>
    Tiny,

    /// <summary>Awkward sizes up to a few thousand rows (n not a multiple of any tile, dims 1, 7, 25, 50, 100).</summary>
    Small,

    /// <summary>GPU-sized batches: n ≈ 100k–1M.</summary>
    Large,
}

/// <summary>Random shapes and values for check cases (seeded; uniform values in [−1, 1] unless stated).</summary>
internal static class Draw
{
    private static readonly int[] SmallN = [1, 2, 7, 31, 129, 1000, 3001];
    private static readonly int[] LargeN = [100_003, 1_048_576];
    private static readonly int[] SmallDims = [1, 7, 25, 50, 100];
    private static readonly int[] TinyDims = [1, 2, 3, 5, 7, 8, 13, 25];

    /// <summary>Number of rows for a case: tiny 0–40, small from {1, 2, 7, 31, 129, 1000, 3001}, large ≈ 100k or 2^20.</summary>
    public static int Rows(Random rng, CaseSize size) => size switch
    {
        CaseSize.Tiny => rng.Next(0, 8) == 0 ? rng.Next(0, 3) : rng.Next(1, 41),
        CaseSize.Small => Pick(rng, SmallN),
        _ => Pick(rng, LargeN),
    };

    /// <summary>A width: tiny from {1, 2, 3, 5, 7, 8, 13, 25}, otherwise from {1, 7, 25, 50, 100}.</summary>
    public static int Dim(Random rng, CaseSize size) =>
        size == CaseSize.Tiny ? Pick(rng, TinyDims) : Pick(rng, SmallDims);

    /// <summary>A realistic width for large cases (25, 50 or 100), else <see cref="Dim"/>.</summary>
    public static int ModelDim(Random rng, CaseSize size) =>
        size == CaseSize.Large ? Pick(rng, [25, 50, 100]) : Dim(rng, size);

    /// <summary>Extra leading-dimension padding: 0 half the time, else 1–5.</summary>
    public static int Pad(Random rng) => rng.Next(2) == 0 ? 0 : rng.Next(1, 6);

    public static T Pick<T>(Random rng, T[] items) => items[rng.Next(items.Length)];

    public static float[] Floats(Random rng, long count, float lo = -1f, float hi = 1f)
    {
        var a = new float[count];
        for (long i = 0; i < count; i++) a[i] = lo + (hi - lo) * rng.NextSingle();
        return a;
    }

    public static int[] Ints(Random rng, int count, int maxExclusive)
    {
        var a = new int[count];
        for (int i = 0; i < count; i++) a[i] = rng.Next(maxExclusive);
        return a;
    }

    /// <summary>Row of each sample, skewed (row ≈ R·u²) so that low rows get long segments, as popular movies do.</summary>
    public static int[] SkewedRows(Random rng, int count, int rows)
    {
        var a = new int[count];
        for (int i = 0; i < count; i++)
        {
            double u = rng.NextDouble();
            a[i] = Math.Min(rows - 1, (int)(rows * u * u));
        }
        return a;
    }

    /// <summary>A CSR feature matrix of <paramref name="movies"/> rows with 0–maxPerMovie sorted distinct features each.</summary>
    public static (int[] Offsets, int[] Indices) Features(Random rng, int movies, int featureCount, int maxPerMovie)
    {
        var offsets = new int[movies + 1];
        var indices = new List<int>();
        for (int m = 0; m < movies; m++)
        {
            int k = featureCount == 0 ? 0 : rng.Next(0, Math.Min(maxPerMovie, featureCount) + 1);
            var set = new SortedSet<int>();
            while (set.Count < k) set.Add(rng.Next(featureCount));
            indices.AddRange(set);
            offsets[m + 1] = indices.Count;
        }
        return (offsets, indices.ToArray());
    }
}

/// <summary>The per-batch segment list of design.md §5 built from the row of each sample.</summary>
internal sealed record SegmentList(int[] Rows, int[] Offsets, int[] Samples)
{
    public int Count => Rows.Length;

    /// <summary>Longest segment (for tolerances).</summary>
    public int MaxLength
    {
        get
        {
            int max = 0;
            for (int k = 0; k < Rows.Length; k++) max = Math.Max(max, Offsets[k + 1] - Offsets[k]);
            return max;
        }
    }

    /// <summary>Distinct rows ascending; samples ordered by (row, position).</summary>
    public static SegmentList Build(int[] rowOfSample)
    {
        var order = Enumerable.Range(0, rowOfSample.Length).ToArray();
        Array.Sort(order, (a, b) => rowOfSample[a] != rowOfSample[b] ? rowOfSample[a].CompareTo(rowOfSample[b]) : a.CompareTo(b));
        var rows = new List<int>();
        var offsets = new List<int>();
        for (int s = 0; s < order.Length; s++)
        {
            int r = rowOfSample[order[s]];
            if (rows.Count == 0 || rows[^1] != r)
            {
                rows.Add(r);
                offsets.Add(s);
            }
        }
        offsets.Add(order.Length);
        return new SegmentList(rows.ToArray(), offsets.ToArray(), order);
    }
}
