using System.Net;
using HybridRec.Model.Recommendation;
using HybridRec.Serving.Contracts;
using HybridRec.Serving.Tests.TestData;

namespace HybridRec.Serving.Tests;

/// <summary>Each endpoint's answer against the model it serves, computed directly.</summary>
public sealed class EndpointTests(TestModels models) : IDisposable
{
    private readonly ApiFactory _factory = new(models.PathA);

    [Theory]
    [InlineData(1, null)]
    [InlineData(1, 3)]
    [InlineData(7, 1)]
    [InlineData(25, 10)]
    [InlineData(40, 100)]
    public async Task UserRecommendationsAreTheModelsOwnList(int userId, int? count)
    {
        var client = _factory.CreateClient();
        string query = count is null ? "" : $"?count={count}";
        var response = await client.GetAsync($"/users/{userId}/recommendations{query}");
        var recs = await Http.Ok<MovieRecommendation[]>(response);
        Assert.Equal(Http.Expected(models.A, userId, count ?? 3), recs);
        Assert.Equal(Math.Min(count ?? 3, TinyMovies.Movies - 16), recs.Length);
        Assert.Equal(16, models.A.History.Of(models.A.Users.GetIndex(userId)).Length);
        Assert.All(recs, r => Assert.False(models.A.History.Contains(models.A.Users.GetIndex(userId), models.A.Items.GetIndex(r.MovieId))));
        Assert.Equal(await Http.Version(client), response.Headers.GetValues("X-Model-Version").Single());
    }

    [Fact]
    public async Task UsersRecommendedTheirFavouriteGenre()
    {
        // The data's structure, learned: a drama lover's list is dramas, a comedy lover's comedies.
        var client = _factory.CreateClient();
        var dramaFan = await Http.Ok<MovieRecommendation[]>(await client.GetAsync("/users/3/recommendations?count=5"));
        var comedyFan = await Http.Ok<MovieRecommendation[]>(await client.GetAsync("/users/33/recommendations?count=5"));
        Assert.All(dramaFan, r => Assert.True(TinyMovies.IsDrama(r.MovieId), $"{r.Title} for a drama lover"));
        Assert.All(comedyFan, r => Assert.False(TinyMovies.IsDrama(r.MovieId), $"{r.Title} for a comedy lover"));
    }

    [Theory]
    [InlineData(1, null)]
    [InlineData(2, 5)]
    [InlineData(45, 59)]
    [InlineData(60, 100)]
    public async Task SimilarMoviesAreTheModelsNearestItems(int movieId, int? count)
    {
        var client = _factory.CreateClient();
        string query = count is null ? "" : $"?count={count}";
        var similar = await Http.Ok<SimilarMovie[]>(await client.GetAsync($"/movies/{movieId}/similar{query}"));
        var expected = new ItemSimilarity(models.A).MostSimilar(movieId, count ?? 10).Select(s => new SimilarMovie(s.ItemId, s.Name, s.Similarity));
        Assert.Equal(expected, similar);
        Assert.Equal(Math.Min(count ?? 10, TinyMovies.Movies - 1), similar.Length);
        Assert.DoesNotContain(similar, s => s.MovieId == movieId);
    }

    [Fact]
    public async Task RarelyRatedMoviesAreNotCandidates()
    {
        // With the floor at the median count, about half the movies may be returned; a rare one can still be queried.
        var counts = Enumerable.Range(1, TinyMovies.Movies).ToDictionary(id => id, id => models.Data.Ratings.Items.ToArray().Count(i => i == models.Data.Items.GetIndex(id)));
        int floor = counts.Values.Order().ElementAt(TinyMovies.Movies / 2);
        using var factory = new ApiFactory(models.PathA, o => o.CandidateMinTrainingRatings = floor);
        var client = factory.CreateClient();
        int rare = counts.First(c => c.Value < floor).Key;
        var similar = await Http.Ok<SimilarMovie[]>(await client.GetAsync($"/movies/{rare}/similar?count=100"));
        var expected = new ItemSimilarity(models.A).MostSimilar(rare, 100).Where(s => counts[s.ItemId] >= floor).Select(s => new SimilarMovie(s.ItemId, s.Name, s.Similarity));
        Assert.Equal(expected, similar);
        Assert.Equal(counts.Count(c => c.Value >= floor), similar.Length);
        var cold = await Http.Ok<MovieRecommendation[]>(await client.PostAsync("/recommendations", Http.JsonBody(Http.RatingsBody([(rare, 5.0)], 100))));
        Assert.Equal(counts.Where(c => c.Value >= floor).Select(c => c.Key).Order(), cold.Select(r => r.MovieId).Order());
    }

    [Fact]
    public async Task SimilarMoviesShareTheGenre()
    {
        var client = _factory.CreateClient();
        foreach (int movieId in new[] { 5, 50 })
        {
            var similar = await Http.Ok<SimilarMovie[]>(await client.GetAsync($"/movies/{movieId}/similar?count=5"));
            Assert.All(similar, s => Assert.Equal(TinyMovies.IsDrama(movieId), TinyMovies.IsDrama(s.MovieId)));
        }
    }

    [Theory]
    [InlineData(8)]
    [InlineData(31)]
    [InlineData(12)]
    public async Task MovieDetailsComeFromTheData(int movieId)
    {
        var client = _factory.CreateClient();
        var movie = await Http.Ok<MovieDetails>(await client.GetAsync($"/movies/{movieId}"));
        var data = models.Data;
        int index = data.Items.GetIndex(movieId);
        Assert.Equal(movieId, movie.MovieId);
        Assert.Equal(data.ItemNames[index], movie.Title);
        Assert.Equal(["genres", "tags"], movie.Features.Keys.Order());
        foreach (var group in data.ItemFeatures)
            Assert.Equal(group.Values.Row(index).ToArray().Select(j => group.Vocabulary[j]), movie.Features[group.Name]);
        Assert.Equal([TinyMovies.IsDrama(movieId) ? "drama" : "comedy"], movie.Features["genres"]);
        int ratings = Enumerable.Range(0, data.Ratings.Count).Count(i => data.Ratings.Items[i] == index);
        Assert.Equal(ratings, movie.TrainingRatings);
        Assert.True(ratings > 0);
    }

    [Fact]
    public async Task ModelInfoDescribesTheFile()
    {
        var client = _factory.CreateClient();
        var info = await Http.Ok<ModelInfo>(await client.GetAsync("/model"));
        string sha = Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(File.ReadAllBytes(models.PathA)));
        Assert.Equal(sha, info.Sha256);
        Assert.Equal(sha[..12], info.Version);
        Assert.Equal("tiny-movies", info.Dataset);
        Assert.Equal((TinyMovies.Users, TinyMovies.Movies, 2), (info.Users, info.Movies, info.Members));
        Assert.Equal((0.5f, 5f, 0.5f), (info.RatingMin, info.RatingMax, info.RatingStep));
        Assert.Equal(File.GetLastWriteTimeUtc(models.PathA), info.FileWrittenAt.UtcDateTime);
    }

    [Fact]
    public async Task TheCacheAndTheParallelPathGiveTheSameAnswers()
    {
        using var uncachedParallel = new ApiFactory(models.PathA, o => { o.RecommendationCacheUsers = 0; o.ParallelScoring = true; });
        var cached = _factory.CreateClient();
        var other = uncachedParallel.CreateClient();
        foreach (int userId in new[] { 2, 2, 19, 38 })
            foreach (int count in new[] { 1, 4, 100, 3 })
            {
                var a = await Http.Ok<MovieRecommendation[]>(await cached.GetAsync($"/users/{userId}/recommendations?count={count}"));
                var b = await Http.Ok<MovieRecommendation[]>(await other.GetAsync($"/users/{userId}/recommendations?count={count}"));
                Assert.Equal(a, b);
            }
        Assert.Equal(3, _factory.Provider.Current!.CachedUsers);
        Assert.Equal(0, uncachedParallel.Provider.Current!.CachedUsers);
    }

    public void Dispose() => _factory.Dispose();
}
