using HybridRec.Data;

namespace HybridRec.Model.Tests.TestData;

/// <summary>
/// Tiny in-memory MovieLens-like datasets with a known structure: ratings come from a rank-r latent model
/// plus user/movie biases, a genre effect and a little noise, rounded to half stars. Item groups <c>genres</c> and
/// <c>tags</c>; with <paramref name="segments"/> &gt; 0 also a categorical user group <c>segment</c> (drawn from its
/// own stream, with its own rating effect; without it the data is the same as before user groups existed).
/// Deterministic from a seed.
/// </summary>
internal static class SyntheticDataset
{
    public static RatingDataset Create(int users = 60, int movies = 80, int genres = 6, int tags = 5, int ratingsPerUser = 30,
        int rank = 3, double noise = 0.15, long seed = 7, int segments = 0)
    {
        var rng = new SeededRandom(seed);
        var segmentRng = new SeededRandom(seed ^ 0x5E6);
        var segmentOf = Enumerable.Range(0, users).Select(_ => segments > 0 ? segmentRng.NextInt(segments) : -1).ToArray();
        var segmentEffect = Enumerable.Range(0, Math.Max(segments, 1)).Select(_ => 0.8 * segmentRng.NextGaussian()).ToArray();
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
                if (segments > 0) r += segmentEffect[segmentOf[user]];
                r += noise * rng.NextGaussian();
                float stars = (float)Math.Clamp(Math.Round(r * 2) / 2, 0.5, 5.0);
                u.Add(user);
                mo.Add(movie);
                s.Add(stars);
            }
        }

        var titles = Enumerable.Range(0, movies).Select(m => $"Movie {m + 1}").ToArray();
        var userGroups = segments > 0
            ? new FeatureGroupCollection([new FeatureGroup("segment", FeatureKind.Categorical,
                SparseFeatures.FromRows(segmentOf.Select(s => (IEnumerable<int>)[s]).ToList(), Enumerable.Range(0, segments).Select(k => $"seg{k}").ToArray()))])
            : FeatureGroupCollection.Empty;
        return new RatingDataset
        {
            Name = "synthetic-test",
            Source = "memory",
            Format = DatasetFormats.InMemory,
            Scale = RatingScale.HalfStars,
            Users = IdMap.FromRawIds(Enumerable.Range(1, users)),
            Items = IdMap.FromRawIds(Enumerable.Range(1, movies).Select(m => m * 10)),
            ItemNames = titles,
            ItemFeatures = new FeatureGroupCollection([
                new FeatureGroup("genres", FeatureKind.MultiHot, SparseFeatures.FromRows(genreRows, Enumerable.Range(0, genres).Select(g => $"genre{g}").ToArray())),
                new FeatureGroup("tags", FeatureKind.MultiHot, SparseFeatures.FromRows(tagRows, Enumerable.Range(0, tags).Select(t => $"tag{t}").ToArray()))]),
            UserFeatures = userGroups,
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
