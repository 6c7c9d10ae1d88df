using Xunit;

namespace HybridRec.Data.Tests.Synthetic;

public sealed class SyntheticShapeTests(StandardDataset data) : IClassFixture<StandardDataset>
{
    [Fact]
    public void Movie_popularity_is_long_tailed()
    {
        int movies = StandardDataset.Options.Movies;
        var perMovie = data.Ratings.GroupBy(r => r.Movie).Select(g => g.Count()).ToList();
        perMovie.AddRange(Enumerable.Repeat(0, movies - perMovie.Count)); // unrated movies
        var sorted = perMovie.OrderDescending().ToArray();
        double topShare = sorted.Take(movies / 10).Sum() / (double)data.Ratings.Count;
        Assert.True(topShare > 0.4, $"top 10% of movies hold {topShare:P1} of ratings");
        Assert.True(sorted[0] >= 20 * sorted[movies / 2], $"top movie {sorted[0]} vs median {sorted[movies / 2]}");
        Assert.Equal(sorted[0], data.Summary.MaxRatingsPerMovie);
    }

    [Fact]
    public void User_activity_is_long_tailed()
    {
        var perUser = data.Ratings.GroupBy(r => r.User).Select(g => g.Count()).Order().ToArray();
        int median = perUser[perUser.Length / 2];
        Assert.True(perUser[^1] >= 5 * median, $"most active user {perUser[^1]} vs median {median}");
        Assert.True(perUser.Average() > median, "the mean should exceed the median (right skew)");
    }

    [Fact]
    public void Rating_histogram_looks_like_MovieLens()
    {
        var histogram = data.Ratings.GroupBy(r => r.Stars).ToDictionary(g => g.Key, g => g.Count());
        double mean = data.Ratings.Average(r => r.Stars);
        Assert.InRange(mean, 3.3, 3.8);
        Assert.Equal(mean, data.Summary.MeanRating, 1e-9);
        Assert.Equal(4.0, histogram.MaxBy(kv => kv.Value).Key);
        double belowTwo = data.Ratings.Count(r => r.Stars < 2) / (double)data.Ratings.Count;
        Assert.InRange(belowTwo, 0.005, 0.1);
        double halves = data.Ratings.Count(r => r.Stars % 1.0 != 0) / (double)data.Ratings.Count;
        Assert.InRange(halves, 0.1, 0.45);
        Assert.Equal(10, histogram.Count);
    }

    [Fact]
    public void Tag_usage_is_long_tailed_and_follows_genres()
    {
        var perTag = data.Tags.GroupBy(t => t.Text).Select(g => g.Count()).OrderDescending().ToArray();
        Assert.True(perTag[0] >= 10 * perTag[perTag.Length / 2], $"top tag {perTag[0]} vs median {perTag[perTag.Length / 2]}");

        // A genre tag lands mostly on movies of that genre: "horror" on Horror movies far above Horror's share of movies.
        var genres = data.Movies.ToDictionary(m => m.Id, m => m.Genres);
        foreach (var (tag, genre) in new[] { ("horror", "Horror"), ("sci-fi", "Sci-Fi"), ("comedy", "Comedy") })
        {
            var uses = data.Tags.Where(t => t.Text == tag).ToList();
            if (uses.Count < 10) continue;
            double onGenre = uses.Count(t => genres[t.Movie].Contains(genre)) / (double)uses.Count;
            double baseRate = data.Movies.Count(m => m.Genres.Contains(genre)) / (double)data.Movies.Count;
            Assert.True(onGenre > 2 * baseRate && onGenre > 0.5, $"'{tag}' on {genre} movies: {onGenre:P0} (base rate {baseRate:P0})");
        }
    }

    [Fact]
    public void Some_movies_may_have_no_ratings_but_most_do()
    {
        int rated = data.Ratings.Select(r => r.Movie).Distinct().Count();
        Assert.InRange(rated, StandardDataset.Options.Movies / 3, StandardDataset.Options.Movies);
    }
}
