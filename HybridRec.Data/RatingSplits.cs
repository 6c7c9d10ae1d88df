using System.Globalization;

namespace HybridRec.Data;

/// <summary>Train/test splits of ratings: a seeded random split, or a split shipped with the data.</summary>
public static class RatingSplits
{
    /// <summary>
    /// Splits <paramref name="ratings"/> at random: exactly <c>round(testFraction · N)</c> ratings (midpoints
    /// rounded away from zero) go to the test set, chosen by a seeded partial Fisher–Yates shuffle drawn from
    /// <c>SeededRandom.For(seed, "split")</c>; the rest are the training set. Both sets keep the input order. The
    /// same seed always gives the same split.
    /// </summary>
    /// <param name="ratings">The ratings to split.</param>
    /// <param name="testFraction">Fraction of ratings in the test set, in [0, 1].</param>
    /// <param name="seed">Seed of the shuffle.</param>
    public static RatingSplit Random(RatingTable ratings, double testFraction = 0.2, long seed = 42)
    {
        ArgumentNullException.ThrowIfNull(ratings);
        if (!(testFraction >= 0 && testFraction <= 1))
            throw new ArgumentOutOfRangeException(nameof(testFraction), testFraction, "must be between 0 and 1.");
        int n = ratings.Count;
        int testCount = (int)Math.Round(testFraction * n, MidpointRounding.AwayFromZero);

        var order = new int[n];
        for (int i = 0; i < n; i++) order[i] = i;
        var rng = SeededRandom.For(seed, "split");
        for (int i = 0; i < testCount; i++)
        {
            int j = i + rng.NextInt(n - i);
            (order[i], order[j]) = (order[j], order[i]);
        }
        var isTest = new bool[n];
        for (int i = 0; i < testCount; i++) isTest[order[i]] = true;

        var train = new int[n - testCount];
        var test = new int[testCount];
        int a = 0, b = 0;
        for (int i = 0; i < n; i++)
        {
            if (isTest[i]) test[b++] = i;
            else train[a++] = i;
        }
        string pct = (testFraction * 100).ToString("0.##", CultureInfo.InvariantCulture);
        string trainPct = ((1 - testFraction) * 100).ToString("0.##", CultureInfo.InvariantCulture);
        return new RatingSplit($"random {trainPct}/{pct} (seed {seed})", ratings.Select(train), ratings.Select(test));
    }

    /// <summary>
    /// The split named <paramref name="name"/> shipped with the release (ml-100k: <c>u1</c> … <c>u5</c>, <c>ua</c>,
    /// <c>ub</c>). Throws an <see cref="ArgumentException"/> listing the available names when there is no such split.
    /// </summary>
    /// <param name="dataset">A loaded dataset.</param>
    /// <param name="name">The split's name.</param>
    public static RatingSplit Predefined(RatingDataset dataset, string name)
    {
        ArgumentNullException.ThrowIfNull(dataset);
        ArgumentNullException.ThrowIfNull(name);
        if (dataset.PredefinedSplits.TryGetValue(name, out var split)) return split;
        string available = dataset.PredefinedSplits.Count == 0
            ? "this dataset has no predefined splits (of the MovieLens releases, only ml-100k ships them)"
            : "available: " + string.Join(", ", dataset.PredefinedSplits.Keys.Order(StringComparer.Ordinal));
        throw new ArgumentException($"{dataset.Name} has no predefined split '{name}'; {available}.", nameof(name));
    }
}
