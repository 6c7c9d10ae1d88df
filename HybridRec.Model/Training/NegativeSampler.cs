using HybridRec.Data;

namespace HybridRec.Model.Training;

/// <summary>
/// Draws the ranking head's negatives (docs/design.md, "Ranking head"): items from q(m) ∝ (count(m) + 1)^α, where
/// count(m) is item m's number of ratings in the fitting data (α = 0: uniform), rejecting items the user rated in the
/// fitting data. A rejected draw is redrawn, at most <see cref="MaxTries"/> times in all; after that the last draw is
/// kept and reported as not accepted, and its candidate is masked out of the loss. Draws use an alias table (O(1)
/// each) and the caller's <see cref="SeededRandom"/>, so a stream gives the same negatives on every machine.
/// Immutable after construction and safe to share between threads (each thread brings its own generator).
/// </summary>
internal sealed class NegativeSampler
{
    /// <summary>Draws per negative before a candidate is masked.</summary>
    public const int MaxTries = 64;

    /// <summary>The largest user × item bit matrix kept for the rejection test (64 MiB); beyond it the sorted lists are searched.</summary>
    private const long MaxRatedBits = 1L << 29;

    private readonly int _items;
    private readonly AliasColumn[] _columns; // (M) alias table: keep column m when the coin is below its threshold, else take its alias
    private readonly int[] _ratedOffsets;   // (U + 1) CSR over users
    private readonly int[] _rated;          // sorted distinct items per user
    private readonly ulong[]? _ratedBits;   // (U, ⌈M/64⌉) the same sets as bits, when small enough
    private readonly int _wordsPerUser;

    /// <summary>
    /// Builds the distribution and the users' rated sets from <paramref name="fitting"/> (user and item indices below
    /// <paramref name="users"/> and <paramref name="items"/>) with <paramref name="options"/>' count of negatives, sampling and exponent.
    /// </summary>
    public NegativeSampler(TrainingSamples fitting, int users, int items, RankingLossOptions options)
    {
        ArgumentNullException.ThrowIfNull(fitting);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentOutOfRangeException.ThrowIfLessThan(users, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(items, 1);
        options.Validate();
        _items = items;
        Negatives = options.Negatives;

        var counts = new int[items];
        for (int i = 0; i < fitting.Count; i++)
        {
            int u = fitting.Users[i], m = fitting.Items[i];
            if ((uint)u >= (uint)users || (uint)m >= (uint)items)
                throw new ArgumentException($"sample {i} has user {u} and item {m}, outside {users} users and {items} items.");
            counts[m]++;
        }

        // Rated sets: each user's items sorted and distinct (the same compressed rows as the model's training history).
        var history = UserHistory.FromPairs(fitting.Users, fitting.Items, users);
        _ratedOffsets = history.OffsetArray;
        _rated = history.ItemArray;
        _wordsPerUser = (items + 63) / 64;
        if ((long)users * _wordsPerUser * 64 <= MaxRatedBits)
        {
            _ratedBits = new ulong[users * _wordsPerUser];
            for (int u = 0; u < users; u++)
                for (int k = _ratedOffsets[u]; k < _ratedOffsets[u + 1]; k++)
                    _ratedBits[u * _wordsPerUser + (_rated[k] >> 6)] |= 1UL << (_rated[k] & 63);
        }

        // q(m) ∝ (count + 1)^α, in double; log q as float for the logits.
        double alpha = options.ResolvedExponent;
        var weights = new double[items];
        double total = 0;
        for (int m = 0; m < items; m++) total += weights[m] = alpha == 0 ? 1.0 : Math.Pow(counts[m] + 1.0, alpha);
        Probabilities = new double[items];
        LogQ = new float[items];
        for (int m = 0; m < items; m++)
        {
            Probabilities[m] = weights[m] / total;
            LogQ[m] = (float)Math.Log(Probabilities[m]);
        }
        _columns = BuildAlias(Probabilities);
    }

    /// <summary>Negatives k per sample.</summary>
    public int Negatives { get; }

    /// <summary>Number of items M.</summary>
    public int Items => _items;

    /// <summary>q(m) per item (sums to 1). Do not modify.</summary>
    public double[] Probabilities { get; }

    /// <summary>log q(m) per item, as the logits' correction uses it (M). Do not modify.</summary>
    public float[] LogQ { get; }

    /// <summary>Whether user index <paramref name="user"/> rated item index <paramref name="item"/> in the fitting data.</summary>
    public bool Rated(int user, int item) => Rated(user, _ratedOffsets[user], _ratedOffsets[user + 1] - _ratedOffsets[user], item);

    /// <summary>The rejection test of <see cref="Draw"/>: the bit matrix when kept, else a search of the user's sorted row (<paramref name="count"/> items from <paramref name="from"/>).</summary>
    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveInlining)]
    private bool Rated(int user, int from, int count, int item) =>
        _ratedBits is { } bits
            ? (bits[user * _wordsPerUser + (item >> 6)] & (1UL << (item & 63))) != 0
            : Array.BinarySearch(_rated, from, count, item) >= 0;

    /// <summary>
    /// Draws one negative for <paramref name="user"/>: redraws while the item is one the user rated, at most
    /// <see cref="MaxTries"/> draws; returns whether the last draw (in <paramref name="item"/>) was accepted.
    /// </summary>
    public bool Draw(int user, SeededRandom rng, out int item)
    {
        int from = _ratedOffsets[user], count = _ratedOffsets[user + 1] - from;
        item = DrawItem(rng);
        if (count == 0) return true;
        for (int t = 1; ; t++)
        {
            if (!Rated(user, from, count, item)) return true;
            if (t == MaxTries) return false;
            item = DrawItem(rng);
        }
    }

    /// <summary>One draw from q (no rejection): the high 32 bits pick a column, the low 32 bits the coin.</summary>
    internal int DrawItem(SeededRandom rng)
    {
        ulong x = rng.NextUInt64();
        int column = (int)(((x >> 32) * (ulong)_items) >> 32);
        var c = _columns[column];
        return (x & 0xFFFFFFFFUL) < c.Threshold ? column : c.Alias;
    }

    /// <summary>One column of the alias table: keep it when the 32-bit coin is below <see cref="Threshold"/> (2^32 = always), else take <see cref="Alias"/>.</summary>
    private readonly record struct AliasColumn(ulong Threshold, int Alias);

    /// <summary>Vose's alias method, deterministic: small and large columns are processed in index order.</summary>
    private static AliasColumn[] BuildAlias(double[] q)
    {
        int n = q.Length;
        var accept = new double[n];
        var alias = new int[n];
        var scaled = new double[n];
        var small = new Stack<int>();
        var large = new Stack<int>();
        for (int m = n - 1; m >= 0; m--)
        {
            scaled[m] = q[m] * n;
            alias[m] = m;
            (scaled[m] < 1.0 ? small : large).Push(m);
        }
        while (small.Count > 0 && large.Count > 0)
        {
            int s = small.Pop(), l = large.Pop();
            accept[s] = scaled[s];
            alias[s] = l;
            scaled[l] = scaled[l] + scaled[s] - 1.0;
            (scaled[l] < 1.0 ? small : large).Push(l);
        }
        while (large.Count > 0) accept[large.Pop()] = 1.0;
        while (small.Count > 0) accept[small.Pop()] = 1.0;   // rounding leftovers
        var columns = new AliasColumn[n];
        for (int m = 0; m < n; m++) columns[m] = new AliasColumn((ulong)Math.Round(Math.Clamp(accept[m], 0.0, 1.0) * 4294967296.0), alias[m]);
        return columns;
    }
}
