namespace HybridRec.Data.Synthetic;

/// <summary>
/// The hidden movie side of the model: release year, genres, popularity weight, bias and latent factors of every
/// movie. Built once, read-only afterwards (shared by all threads).
/// </summary>
internal sealed class MovieModel
{
    /// <summary>How strongly a movie's bias follows its popularity (correlation): popular movies are rated a little higher.</summary>
    private const double BiasPopularityCorrelation = 0.25;

    /// <summary>Latest release year (the last MovieLens rating date, 2019).</summary>
    public const int LastYear = 2019;

    private MovieModel(int count, int factors)
    {
        Count = count;
        Factors = factors;
        Years = new int[count];
        GenreOffsets = new int[count + 1];
        Bias = new double[count];
        FactorValues = new double[count * factors];
        Weights = new long[count];
    }

    /// <summary>Number of movies.</summary>
    public int Count { get; }

    /// <summary>Rank of the latent factors.</summary>
    public int Factors { get; }

    /// <summary>Release year of each movie.</summary>
    public int[] Years { get; }

    /// <summary>CSR offsets into <see cref="GenreIndices"/>, length Count + 1.</summary>
    public int[] GenreOffsets { get; }

    /// <summary>Genre indices (into <see cref="GenreTable.Labels"/>) of all movies, ascending within a movie.</summary>
    public byte[] GenreIndices { get; private set; } = [];

    /// <summary>Movie bias in stars, including the genre offsets.</summary>
    public double[] Bias { get; }

    /// <summary>Latent factors, (Count, Factors) row-major.</summary>
    public double[] FactorValues { get; }

    /// <summary>Standard deviation of each factor component, users and movies alike.</summary>
    public double FactorStd { get; private set; }

    /// <summary>Integer popularity weights (≥ 1) by movie index.</summary>
    public long[] Weights { get; }

    /// <summary>Alias table over <see cref="Weights"/> (shared).</summary>
    public AliasTable Popularity { get; private set; } = null!;

    /// <summary>Fenwick tree over <see cref="Weights"/>; each thread copies it.</summary>
    public FenwickSampler PopularityTree { get; private set; } = null!;

    /// <summary>The genres of movie <paramref name="movie"/>.</summary>
    public ReadOnlySpan<byte> GenresOf(int movie) =>
        GenreIndices.AsSpan(GenreOffsets[movie], GenreOffsets[movie + 1] - GenreOffsets[movie]);

    /// <summary>The latent factors of movie <paramref name="movie"/>.</summary>
    public ReadOnlySpan<double> FactorsOf(int movie) => FactorValues.AsSpan(movie * Factors, Factors);

    /// <summary>Draws the movie side of the model for <paramref name="options"/>.</summary>
    public static MovieModel Create(SyntheticOptions options)
    {
        var model = new MovieModel(options.Movies, options.LatentFactors);
        model.DrawYearsAndGenres(SeedStreams.Create(options.Seed, "movie-genres"));
        double[] logWeight = model.DrawPopularity(options, SeedStreams.Create(options.Seed, "movie-popularity"));
        model.DrawBiasAndFactors(options, logWeight, SeedStreams.Create(options.Seed, "movie-factors"));
        return model;
    }

    private void DrawYearsAndGenres(SeededRandom rng)
    {
        var genres = new List<byte>(Count * 3);
        Span<bool> taken = stackalloc bool[GenreTable.Count];
        Span<byte> picked = stackalloc byte[4];
        for (int m = 0; m < Count; m++)
        {
            // Years: most movies recent, a long tail back to 1902.
            Years[m] = Math.Max(1902, LastYear - (int)(-Math.Log(1.0 - rng.NextDouble()) * 17.0));

            if (rng.NextDouble() < GenreTable.NoGenresShare)
            {
                genres.Add(GenreTable.NoGenres);
            }
            else
            {
                double u = rng.NextDouble();
                int n = 1;
                while (u >= GenreTable.GenreCountCdf[n - 1]) n++;
                taken.Clear();
                for (int j = 0; j < n; j++) picked[j] = DrawGenre(rng, taken);
                var chosen = picked[..n];
                chosen.Sort();
                foreach (byte g in chosen) genres.Add(g);
            }
            GenreOffsets[m + 1] = genres.Count;
        }
        GenreIndices = [.. genres];
    }

    private static byte DrawGenre(SeededRandom rng, Span<bool> taken)
    {
        double total = 0;
        for (int g = 1; g < GenreTable.Count; g++) if (!taken[g]) total += GenreTable.Frequency[g];
        double target = rng.NextDouble() * total;
        int last = 1;
        for (int g = 1; g < GenreTable.Count; g++)
        {
            if (taken[g]) continue;
            last = g;
            target -= GenreTable.Frequency[g];
            if (target < 0) break;
        }
        taken[last] = true;
        return (byte)last;
    }

    /// <summary>
    /// Approximate ratings per movie: the total split in proportion to popularity, each movie capped at the number
    /// of users (a user rates a movie at most once).
    /// </summary>
    public int[] ExpectedRatingCounts(SyntheticOptions options)
    {
        var weights = new double[Count];
        for (int m = 0; m < Count; m++) weights[m] = Weights[m];
        return ExactAllocation.Allocate(weights, options.Ratings, 0, options.Users);
    }

    /// <summary>Assigns popularity ranks by a random permutation; returns log-weights (for the bias correlation).</summary>
    private double[] DrawPopularity(SyntheticOptions options, SeededRandom rng)
    {
        var rankOf = new int[Count];
        for (int m = 0; m < Count; m++) rankOf[m] = m + 1;
        rng.Shuffle<int>(rankOf);

        double offset = options.MoviePopularityOffset;
        double s = options.MoviePopularityExponent;
        // Weights up to 2^bits with the total below 2^62 for the Fenwick tree.
        int bits = Math.Min(40, 61 - (64 - (int)ulong.LeadingZeroCount((ulong)Count)));
        double scale = Math.Pow(2, bits);
        var logWeight = new double[Count];
        for (int m = 0; m < Count; m++)
        {
            logWeight[m] = -s * Math.Log((rankOf[m] + offset) / (1.0 + offset));
            Weights[m] = Math.Max(1L, (long)Math.Round(Math.Exp(logWeight[m]) * scale));
        }
        Popularity = new AliasTable(Weights);
        PopularityTree = new FenwickSampler(Weights);
        return logWeight;
    }

    private void DrawBiasAndFactors(SyntheticOptions options, double[] logWeight, SeededRandom rng)
    {
        // Standardised log-popularity, so the bias correlation does not depend on the popularity law.
        double mean = 0, sq = 0;
        foreach (double v in logWeight) mean += v;
        mean /= Count;
        foreach (double v in logWeight) sq += (v - mean) * (v - mean);
        double sd = Math.Sqrt(sq / Count);

        int k = Factors;
        FactorStd = Math.Sqrt(options.InteractionStd / Math.Sqrt(k)); // Var(p·q) = k σ⁴ = InteractionStd²
        var centroids = new double[GenreTable.Count * k];
        for (int i = 0; i < centroids.Length; i++) centroids[i] = rng.NextGaussian() * FactorStd;
        double fromGenres = Math.Sqrt(options.GenreFactorShare);
        double own = Math.Sqrt(1.0 - options.GenreFactorShare);
        double c = BiasPopularityCorrelation;

        for (int m = 0; m < Count; m++)
        {
            var genres = GenresOf(m);
            double z = sd > 0 ? (logWeight[m] - mean) / sd : 0;
            double genreOffset = 0;
            foreach (byte g in genres) genreOffset += GenreTable.RatingOffset[g];
            Bias[m] = options.MovieBiasStd * (Math.Sqrt(1 - c * c) * rng.NextGaussian() + c * z) + genreOffset / genres.Length;

            var q = FactorValues.AsSpan(m * k, k);
            double norm = 1.0 / Math.Sqrt(genres.Length);
            for (int f = 0; f < k; f++)
            {
                double g = 0;
                foreach (byte genre in genres) g += centroids[genre * k + f];
                q[f] = fromGenres * g * norm + own * rng.NextGaussian() * FactorStd;
            }
        }

        // Centre the biases on their mean weighted by the expected rating counts (popularity, capped at one rating per
        // user), so that ratings average about GlobalMean whatever the sizes, the popularity law and the correlation.
        var expected = ExpectedRatingCounts(options);
        double weighted = 0;
        for (int m = 0; m < Count; m++) weighted += expected[m] * Bias[m];
        double centre = weighted / options.Ratings;
        for (int m = 0; m < Count; m++) Bias[m] -= centre;
    }
}
