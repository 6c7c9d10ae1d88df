using HybridRec.Data;

namespace HybridRec.Serving.Tests.TestData;

/// <summary>
/// A tiny dataset with a strong structure, deterministic from a seed: 60 movies, ids 1..30 of genre "drama" and
/// 31..60 of genre "comedy" (some with tags); 40 users, 1..20 love dramas and dislike comedies, 21..40 the other way
/// round; each user rates 16 movies, 8 of each genre. Movie ids are 1..60, user ids 1..40, half-star scale.
/// </summary>
internal static class TinyMovies
{
    public const int Users = 40;
    public const int Movies = 60;

    public static bool IsDrama(int movieId) => movieId <= 30;

    public static RatingDataset Create(long seed = 11)
    {
        var rng = new SeededRandom(seed);
        var b = new RatingDatasetBuilder("tiny-movies") { Scale = RatingScale.HalfStars }
            .DefineItemFeatureGroup("genres", FeatureKind.MultiHot)
            .DefineItemFeatureGroup("tags", FeatureKind.MultiHot);
        for (int m = 1; m <= Movies; m++)
        {
            b.AddItem(m, $"Movie {m} ({(IsDrama(m) ? "drama" : "comedy")})").AddItemFeatures(m, "genres", IsDrama(m) ? "drama" : "comedy");
            if (m % 4 == 0) b.AddItemFeatures(m, "tags", m % 8 == 0 ? "classic" : "quirky");
        }
        for (int u = 1; u <= Users; u++)
        {
            bool likesDrama = u <= 20;
            foreach (int m in Pick(rng, 1, 30, 8).Concat(Pick(rng, 31, 60, 8)))
            {
                bool liked = IsDrama(m) == likesDrama;
                double stars = (liked ? 4.5 : 1.5) + 0.5 * Math.Round(rng.NextGaussian());
                b.AddRating(u, m, (float)Math.Clamp(stars, 0.5, 5.0));
            }
        }
        return b.Build();
    }

    private static IEnumerable<int> Pick(SeededRandom rng, int from, int to, int count)
    {
        var chosen = new SortedSet<int>();
        while (chosen.Count < count) chosen.Add(from + rng.NextInt(to - from + 1));
        return chosen;
    }
}
