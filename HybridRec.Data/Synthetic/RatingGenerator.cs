namespace HybridRec.Data.Synthetic;

/// <summary>
/// Generates the rating lines of a run of users (one thread's working state). Each user's choices come from the
/// user's own random stream, so a user's lines do not depend on which thread or block produced them.
/// </summary>
internal sealed class RatingGenerator
{
    /// <summary>Share of users who never give half stars (MovieLens: many users rate in whole stars only).</summary>
    private const double WholeStarUserShare = 0.1;

    /// <summary>Upper bound on the bytes of one rating line: ids up to 10 digits, rating 3, timestamp 10, 3 commas, newline.</summary>
    public const int MaxLineBytes = 10 + 10 + 3 + 10 + 4;

    private readonly SyntheticOptions _options;
    private readonly MovieModel _movies;
    private readonly int[] _counts;
    private readonly double[] _userBias;
    private readonly DistinctSampler _sampler;
    private readonly int[] _picks;
    private readonly double[] _userFactors;
    private readonly double[] _affinity;

    /// <summary>Creates the state for one thread.</summary>
    public RatingGenerator(SyntheticOptions options, MovieModel movies, int[] counts, double[] userBias, int maxCount)
    {
        _userBias = userBias;
        _options = options;
        _movies = movies;
        _counts = counts;
        _sampler = new DistinctSampler(movies.Weights, movies.Popularity, movies.PopularityTree);
        _picks = new int[maxCount];
        _userFactors = new double[movies.Factors];
        _affinity = new double[GenreTable.Count];
        MovieCounts = new long[movies.Count];
    }

    /// <summary>Ratings per movie produced by this generator so far (summed over threads afterwards).</summary>
    public long[] MovieCounts { get; }

    /// <summary>Appends the lines of users <paramref name="firstUser"/>..<paramref name="endUser"/>−1 (0-based) to <paramref name="text"/>.</summary>
    public void Generate(int firstUser, int endUser, CsvBuffer text, Span<long> histogram)
    {
        for (int u = firstUser; u < endUser; u++) GenerateUser(u, text, histogram);
    }

    private void GenerateUser(int u, CsvBuffer text, Span<long> histogram)
    {
        var o = _options;
        var rng = SeedStreams.Create(o.Seed, "user", u);
        double userBias = _userBias[u];
        double factorStd = _movies.FactorStd;
        var p = _userFactors;
        for (int f = 0; f < p.Length; f++) p[f] = factorStd * rng.NextGaussian();
        for (int g = 0; g < _affinity.Length; g++) _affinity[g] = o.GenreEffectStd * rng.NextGaussian();
        double halfStarProbability = rng.NextDouble() < WholeStarUserShare ? 0 : 0.8 + 0.2 * rng.NextDouble();
        var window = Timeline.RatingWindow(o.Seed, u);

        var picks = _picks.AsSpan(0, _counts[u]);
        _sampler.Sample(rng, picks);
        picks.Sort(); // MovieLens order: by user, then movie

        text.Reserve(picks.Length * MaxLineBytes);
        long userId = u + 1L;
        int k = p.Length;
        var factors = _movies.FactorValues;
        foreach (int m in picks)
        {
            long timestamp = window.Draw(rng);

            double dot = 0;
            int row = m * k;
            for (int f = 0; f < k; f++) dot += p[f] * factors[row + f];
            var genres = _movies.GenresOf(m);
            double affinity = 0;
            foreach (byte g in genres) affinity += _affinity[g];
            double x = o.GlobalMean + userBias + _movies.Bias[m] + dot + affinity / genres.Length + o.NoiseStd * rng.NextGaussian();

            bool half = timestamp >= Timeline.HalfStarsIntroduced && rng.NextDouble() < halfStarProbability;
            int steps = half
                ? Math.Clamp((int)Math.Floor(x * 2 + 0.5), 1, 10)
                : 2 * Math.Clamp((int)Math.Floor(x + 0.5), 1, 5);

            histogram[steps - 1]++;
            MovieCounts[m]++;
            text.Append(userId);
            text.Append((byte)',');
            text.Append(m + 1L);
            text.Append((byte)',');
            text.AppendStars(steps);
            text.Append((byte)',');
            text.Append(timestamp);
            text.Append((byte)'\n');
        }
    }
}
