using HybridRec.Data;

namespace HybridRec.Model.Tests.TestData;

/// <summary>
/// Tiny in-memory MovieLens-like datasets with a known structure: ratings come from a rank-r latent model
/// plus user/movie biases, a genre effect and a little noise, rounded to half stars. Deterministic from a seed.
/// </summary>
internal static class SyntheticDataset
{
    public static MovieLensDataset Create(int users = 60, int movies = 80, int genres = 6, int tags = 5, int ratingsPerUser = 30,
        int rank = 3, double noise = 0.15, long seed = 7)
    {
        var rng = new SeededRandom(seed);
        var uf = Matrix(users, rank, rng, 0.9);
        var mf = Matrix(movies, rank, rng, 0.9);
        var userBias = Vector(users, rng, 0.4);
        var movieBias = Vector(movies, rng, 0.4);
        var genreEffect = Vector(genres, rng, 0.6);

        var genreRows = new List<IEnumerable<int>>();
        var tagRows = new List<IEnumerable<int>>();
        for (int m = 0; m < movies; m++)
        {
            var g = new HashSet<int> { rng.NextInt(genres) };
            if (rng.NextDouble() < 0.5) g.Add(rng.NextInt(genres));
            genreRows.Add(g);
            var t = new HashSet<int>();
            if (tags > 0)
                for (int k = 0; k < 2; k++)
                    if (rng.NextDouble() < 0.5) t.Add(rng.NextInt(tags));
            tagRows.Add(t);
        }

        var u = new List<int>();
        var mo = new List<int>();
        var s = new List<float>();
        for (int user = 0; user < users; user++)
        {
            var chosen = new HashSet<int>();
            while (chosen.Count < Math.Min(ratingsPerUser, movies)) chosen.Add(rng.NextInt(movies));
            foreach (int movie in chosen.Order())
            {
                double r = 3.0 + userBias[user] + movieBias[movie] + genreRows[movie].Sum(g => genreEffect[g]) / genreRows[movie].Count();
                for (int k = 0; k < rank; k++) r += uf[user, k] * mf[movie, k];
                r += noise * rng.NextGaussian();
                float stars = (float)Math.Clamp(Math.Round(r * 2) / 2, 0.5, 5.0);
                u.Add(user);
                mo.Add(movie);
                s.Add(stars);
            }
        }

        var titles = Enumerable.Range(0, movies).Select(m => $"Movie {m + 1}").ToArray();
        return new MovieLensDataset
        {
            Name = "synthetic-test",
            Source = "memory",
            Format = MovieLensFormat.Csv,
            Scale = RatingScale.HalfStars,
            Users = IdMap.FromRawIds(Enumerable.Range(1, users)),
            Movies = IdMap.FromRawIds(Enumerable.Range(1, movies).Select(m => m * 10)),
            Titles = titles,
            Genres = SparseFeatures.FromRows(genreRows, Enumerable.Range(0, genres).Select(g => $"genre{g}").ToArray()),
            Tags = SparseFeatures.FromRows(tagRows, Enumerable.Range(0, tags).Select(t => $"tag{t}").ToArray()),
            Ratings = new RatingTable(u.ToArray(), mo.ToArray(), s.ToArray()),
            Report = new LoadReport(),
        };
    }

    /// <summary>A seeded random split: <paramref name="testFraction"/> of the ratings go to the test table.</summary>
    public static RatingSplit Split(RatingTable ratings, double testFraction, long seed)
    {
        var idx = Enumerable.Range(0, ratings.Count).ToArray();
        new SeededRandom(seed).Shuffle(idx.AsSpan());
        int nt = (int)Math.Round(testFraction * ratings.Count);
        var test = idx[..nt];
        var train = idx[nt..];
        Array.Sort(test);
        Array.Sort(train);
        return new RatingSplit("test split", ratings.Select(train), ratings.Select(test));
    }

    private static double[,] Matrix(int rows, int cols, SeededRandom rng, double scale)
    {
        var a = new double[rows, cols];
        for (int i = 0; i < rows; i++)
            for (int j = 0; j < cols; j++)
                a[i, j] = scale * rng.NextGaussian();
        return a;
    }

    private static double[] Vector(int n, SeededRandom rng, double scale) => Enumerable.Range(0, n).Select(_ => scale * rng.NextGaussian()).ToArray();
}
