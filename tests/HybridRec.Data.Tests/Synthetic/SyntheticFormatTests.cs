using System.Text.RegularExpressions;
using HybridRec.Data.Synthetic;
using Xunit;

namespace HybridRec.Data.Tests.Synthetic;

public sealed partial class SyntheticFormatTests(StandardDataset data) : IClassFixture<StandardDataset>
{
    private static readonly HashSet<string> GenreLabels =
    [
        "Action", "Adventure", "Animation", "Children", "Comedy", "Crime", "Documentary", "Drama", "Fantasy", "Film-Noir",
        "Horror", "IMAX", "Musical", "Mystery", "Romance", "Sci-Fi", "Thriller", "War", "Western", "(no genres listed)",
    ];

    [Fact]
    public void Files_have_the_MovieLens_headers_and_exact_line_counts()
    {
        var o = StandardDataset.Options;
        string[] ratings = File.ReadAllLines(Path.Combine(data.Directory, "ratings.csv"));
        string[] movies = File.ReadAllLines(Path.Combine(data.Directory, "movies.csv"));
        string[] tags = File.ReadAllLines(Path.Combine(data.Directory, "tags.csv"));
        string[] links = File.ReadAllLines(Path.Combine(data.Directory, "links.csv"));
        Assert.Equal("userId,movieId,rating,timestamp", ratings[0]);
        Assert.Equal("movieId,title,genres", movies[0]);
        Assert.Equal("userId,movieId,tag,timestamp", tags[0]);
        Assert.Equal("movieId,imdbId,tmdbId", links[0]);
        Assert.Equal(o.Ratings + 1, ratings.Length);
        Assert.Equal(o.Movies + 1, movies.Length);
        Assert.Equal(o.Movies + 1, links.Length);
        Assert.Equal(o.Ratings / 22 + 1, tags.Length);
        Assert.Equal(o.TagApplications + 1, tags.Length);
        string all = File.ReadAllText(Path.Combine(data.Directory, "ratings.csv"));
        Assert.DoesNotContain('\r', all);
        Assert.EndsWith("\n", all);
    }

    [Fact]
    public void Ratings_are_on_the_half_star_grid()
    {
        var scale = RatingScale.HalfStars;
        Assert.All(data.Ratings, r => Assert.True(scale.Contains((float)r.Stars), $"rating {r.Stars}"));
        var text = File.ReadLines(Path.Combine(data.Directory, "ratings.csv")).Skip(1).Select(l => l.Split(',')[2]).Distinct();
        Assert.All(text, t => Assert.Matches(@"^[0-5]\.[05]$", t));
    }

    [Fact]
    public void No_user_rates_a_movie_twice_and_lines_are_sorted_by_user_then_movie()
    {
        for (int i = 1; i < data.Ratings.Count; i++)
        {
            var (a, b) = (data.Ratings[i - 1], data.Ratings[i]);
            Assert.True(a.User < b.User || (a.User == b.User && a.Movie < b.Movie), $"line {i + 2} is not after line {i + 1}");
        }
        Assert.Equal(data.Ratings.Count, data.Ratings.Select(r => (r.User, r.Movie)).Distinct().Count());
    }

    [Fact]
    public void Every_user_has_at_least_the_minimum_and_every_rated_movie_is_listed()
    {
        var o = StandardDataset.Options;
        var perUser = data.Ratings.GroupBy(r => r.User).ToDictionary(g => g.Key, g => g.Count());
        Assert.Equal(Enumerable.Range(1, o.Users), perUser.Keys.Order());
        Assert.All(perUser.Values, c => Assert.InRange(c, 20, o.Movies));
        Assert.Equal(20, data.Summary.MinRatingsPerUser);
        Assert.Equal(perUser.Values.Max(), data.Summary.MaxRatingsPerUser);

        var movieIds = data.Movies.Select(m => m.Id).ToHashSet();
        Assert.Equal(Enumerable.Range(1, o.Movies), data.Movies.Select(m => m.Id));
        Assert.All(data.Ratings, r => Assert.Contains(r.Movie, movieIds));
        Assert.Equal(data.Ratings.Select(r => r.Movie).Distinct().Count(), data.Summary.MoviesWithRatings);
        Assert.All(data.Tags, t => Assert.Contains(t.Movie, movieIds));
        Assert.All(data.Tags, t => Assert.InRange(t.User, 1, o.Users));
    }

    [Fact]
    public void Titles_and_genres_look_like_MovieLens()
    {
        foreach (var m in data.Movies)
        {
            Assert.Matches(TitlePattern(), m.Title);
            Assert.StartsWith($"Synthetic Movie {m.Id} (", m.Title);
            Assert.All(m.Genres, g => Assert.Contains(g, GenreLabels));
            Assert.InRange(m.Genres.Length, 1, 4);
            Assert.Equal(m.Genres.Distinct().Count(), m.Genres.Length);
            Assert.Equal(m.Genres.Order(StringComparer.Ordinal), m.Genres);
            if (m.Genres.Contains("(no genres listed)")) Assert.Single(m.Genres);
        }
        var counts = data.Movies.SelectMany(m => m.Genres).GroupBy(g => g).ToDictionary(g => g.Key, g => g.Count());
        var top2 = counts.OrderByDescending(kv => kv.Value).Take(2).Select(kv => kv.Key).Order();
        Assert.Equal(["Comedy", "Drama"], top2);
        int noGenres = counts.GetValueOrDefault("(no genres listed)");
        Assert.InRange(noGenres, 1, data.Movies.Count / 10);
        Assert.True(counts.Count >= 18, $"only {counts.Count} genres used");
    }

    [Fact]
    public void Timestamps_are_plausible_unix_seconds()
    {
        const long first = 789_652_009, last = 1_574_327_703; // ml-25m's range, 1995–2019
        Assert.All(data.Ratings, r => Assert.InRange(r.Timestamp, first, last));
        Assert.All(data.Tags, t => Assert.InRange(t.Timestamp, 1_135_429_431L, last));
        // Half stars only after MovieLens introduced them (2003-02-18).
        Assert.All(data.Ratings.Where(r => r.Timestamp < 1_045_526_400), r => Assert.Equal(0, r.Stars % 1.0));
    }

    [Fact]
    public void Tags_are_words_without_commas_sorted_by_user_then_movie()
    {
        Assert.NotEmpty(data.Tags);
        Assert.All(data.Tags, t => Assert.Matches(@"^[a-z0-9][a-z0-9 \-]*$", t.Text));
        for (int i = 1; i < data.Tags.Count; i++)
        {
            var (a, b) = (data.Tags[i - 1], data.Tags[i]);
            Assert.True(a.User < b.User || (a.User == b.User && a.Movie <= b.Movie), $"tag line {i + 2} is out of order");
        }
        Assert.Equal(data.Tags.Select(t => t.Text).Distinct().Count(), data.Summary.DistinctTags);
    }

    [Fact]
    public void Links_are_unique_and_imdb_ids_have_seven_digits()
    {
        var rows = SyntheticCsv.Rows(data.Directory, "links.csv", "movieId,imdbId,tmdbId", 3).ToList();
        Assert.Equal(Enumerable.Range(1, StandardDataset.Options.Movies).Select(i => i.ToString()), rows.Select(r => r[0]));
        Assert.All(rows, r => Assert.Matches(@"^\d{7}$", r[1]));
        Assert.Equal(rows.Count, rows.Select(r => r[1]).Distinct().Count());
        Assert.Equal(rows.Count, rows.Select(r => r[2]).Distinct().Count());
    }

    [Fact]
    public void Readme_says_the_data_is_synthetic_and_how_to_reproduce_it()
    {
        string readme = File.ReadAllText(Path.Combine(data.Directory, "README.txt"));
        Assert.Contains("THIS DATA IS SYNTHETIC", readme);
        Assert.Contains("Seed = 7", readme);
        Assert.Contains("Users = 1000", readme);
        Assert.Contains("Ratings = 50000", readme);
        Assert.Contains("LatentFactors = 8", readme);
        Assert.Contains($"generator version {SyntheticMovieLens.GeneratorVersion}", readme);
        Assert.DoesNotContain("MaxDegreeOfParallelism", readme);
    }

    [GeneratedRegex(@"^Synthetic Movie \d+ \((19|20)\d\d\)$")]
    private static partial Regex TitlePattern();
}
