using System.Net;
using System.Text;
using HybridRec.Serving.ColdStart;
using HybridRec.Serving.Models;
using HybridRec.Serving.Tests.TestData;
using Microsoft.Extensions.DependencyInjection;

namespace HybridRec.Serving.Tests;

/// <summary>Every error the endpoints document, as RFC 7807 problem details without internals.</summary>
public sealed class ErrorTests(TestModels models) : IDisposable
{
    private readonly ApiFactory _factory = new(models.PathA, o => o.MaxColdStartRatings = 20);

    private HttpClient Client => _factory.CreateClient();

    [Theory]
    [InlineData("/users/999999/recommendations", "User 999999 is not in the model")]
    [InlineData("/users/0/recommendations?count=3", "User 0 is not in the model")]
    [InlineData("/movies/999999", "Movie 999999 is not in the model")]
    [InlineData("/movies/-4/similar", "Movie -4 is not in the model")]
    public async Task UnknownUsersAndMoviesAre404(string url, string detail)
    {
        var problem = await Http.Problem(await Client.GetAsync(url), HttpStatusCode.NotFound);
        Assert.Contains(detail, problem.GetProperty("detail").GetString());
    }

    [Theory]
    [InlineData("/users/1/recommendations?count=0", 0)]
    [InlineData("/users/1/recommendations?count=101", 101)]
    [InlineData("/users/1/recommendations?count=-5", -5)]
    [InlineData("/movies/1/similar?count=0", 0)]
    [InlineData("/movies/1/similar?count=1000", 1000)]
    public async Task ACountOutside1To100Is400(string url, int count)
    {
        var problem = await Http.Problem(await Client.GetAsync(url), HttpStatusCode.BadRequest);
        Assert.Equal($"count must be between 1 and 100 (got {count}).", problem.GetProperty("errors").GetProperty("count")[0].GetString());
    }

    [Theory]
    [InlineData("/users/1/recommendations?count=three", HttpStatusCode.BadRequest)]
    [InlineData("/users/abc/recommendations", HttpStatusCode.NotFound)]
    [InlineData("/no/such/route", HttpStatusCode.NotFound)]
    public async Task ValuesThatDoNotParseGetProblemsFromTheHost(string url, HttpStatusCode status) =>
        await Http.Problem(await Client.GetAsync(url), status);

    [Theory]
    [InlineData("{", "could not be read")]
    [InlineData("""{"ratings": [{"movieId": 1, "rating": 4.5}""", "could not be read")]
    [InlineData("""{"ratings": "five"}""", "at $.ratings")]
    [InlineData("""{"ratings": [{"movieId": "one", "rating": 4}]}""", "at $.ratings[0].movieId")]
    [InlineData("""{"count": 3}""", "required field(s) missing: 'ratings'")]
    [InlineData("""{"ratings": [{"movieId": 1}]}""", "required field(s) missing: 'rating'")]
    [InlineData("null", "The request body is null")]
    [InlineData("", "The request body is empty")]
    public async Task MalformedJsonIs400(string body, string detail)
    {
        var problem = await Http.Problem(await Client.PostAsync("/recommendations", Http.JsonBody(body)), HttpStatusCode.BadRequest);
        Assert.Contains(detail, problem.GetProperty("detail").GetString());
    }

    [Theory]
    [InlineData(5.5, "ratings[1].rating", "rating 5.5 is outside the model's scale (0.5 to 5).")]
    [InlineData(0.0, "ratings[1].rating", "rating 0 is outside the model's scale (0.5 to 5).")]
    [InlineData(-1.0, "ratings[1].rating", "rating -1 is outside the model's scale (0.5 to 5).")]
    public async Task ARatingOutsideTheScaleIs400(double rating, string field, string message)
    {
        var body = Http.RatingsBody([(1, 4.0), (2, rating), (3, 2.0)]);
        var problem = await Http.Problem(await Client.PostAsync("/recommendations", Http.JsonBody(body)), HttpStatusCode.BadRequest);
        var errors = problem.GetProperty("errors");
        Assert.Equal(message, errors.GetProperty(field)[0].GetString());
        Assert.Single(errors.EnumerateObject());
    }

    [Fact]
    public async Task UnknownAndRepeatedMoviesInTheBodyAre400()
    {
        var body = Http.RatingsBody([(1, 4.0), (999, 3.0), (1, 2.0)]);
        var errors = (await Http.Problem(await Client.PostAsync("/recommendations", Http.JsonBody(body)), HttpStatusCode.BadRequest)).GetProperty("errors");
        Assert.Equal("movie 999 is not in the model.", errors.GetProperty("ratings[1].movieId")[0].GetString());
        Assert.Equal("movie 1 is rated twice (also in ratings[0]).", errors.GetProperty("ratings[2].movieId")[0].GetString());
    }

    [Theory]
    [InlineData(0)]
    [InlineData(101)]
    public async Task ABodyCountOutside1To100Is400(int count)
    {
        var body = Http.RatingsBody([(1, 4.0)], count);
        var problem = await Http.Problem(await Client.PostAsync("/recommendations", Http.JsonBody(body)), HttpStatusCode.BadRequest);
        Assert.Equal($"count must be between 1 and 100 (got {count}).", problem.GetProperty("errors").GetProperty("count")[0].GetString());
    }

    [Fact]
    public async Task TooManyRatingsIs400()
    {
        var body = Http.RatingsBody(Enumerable.Range(1, 21).Select(m => (m, 3.0)));
        var problem = await Http.Problem(await Client.PostAsync("/recommendations", Http.JsonBody(body)), HttpStatusCode.BadRequest);
        Assert.Equal("at most 20 ratings are accepted per request (got 21).", problem.GetProperty("errors").GetProperty("ratings")[0].GetString());
        // The limit itself is fine.
        await Http.Ok<Contracts.MovieRecommendation[]>(await Client.PostAsync("/recommendations", Http.JsonBody(Http.RatingsBody(Enumerable.Range(1, 20).Select(m => (m, 3.0)))))); 
    }

    [Fact]
    public async Task AnOversizedBodyIs413WithOrWithoutALength()
    {
        // Valid JSON padded past the 64 KiB default limit: one request with Content-Length, one chunked.
        string body = Http.RatingsBody([(1, 4.0)])[..^1] + ", \"padding\": \"" + new string('x', 70_000) + "\"}";
        var problem = await Http.Problem(await Client.PostAsync("/recommendations", Http.JsonBody(body)), HttpStatusCode.RequestEntityTooLarge);
        Assert.Equal("The request body is larger than the limit of 65,536 bytes.", problem.GetProperty("detail").GetString());

        var chunked = new StreamContent(new NonSeekableStream(Encoding.UTF8.GetBytes(body)));
        chunked.Headers.ContentType = new("application/json");
        Assert.Null(chunked.Headers.ContentLength);
        await Http.Problem(await Client.PostAsync("/recommendations", chunked), HttpStatusCode.RequestEntityTooLarge);

        // Just under the limit is read (and the unknown field ignored).
        string fits = Http.RatingsBody([(1, 4.0)])[..^1] + ", \"padding\": \"" + new string('x', 60_000) + "\"}";
        await Http.Ok<Contracts.MovieRecommendation[]>(await Client.PostAsync("/recommendations", Http.JsonBody(fits)));
    }

    [Fact]
    public async Task ABodyThatIsNotJsonIs415()
    {
        var content = new StringContent("ratings=1", Encoding.UTF8, "application/x-www-form-urlencoded");
        await Http.Problem(await Client.PostAsync("/recommendations", content), HttpStatusCode.UnsupportedMediaType);
    }

    [Theory]
    [InlineData("Development")]
    [InlineData("Production")]
    public async Task AnExceptionInAHandlerIsAGeneric500(string environment)
    {
        using var factory = new ApiFactory(models.PathA, environment: environment,
            services: s => s.AddSingleton<IColdStartRecommender>(new ThrowingColdStart()));
        var response = await factory.CreateClient().PostAsync("/recommendations", Http.JsonBody(Http.RatingsBody([(1, 4.0)])));
        var problem = await Http.Problem(response, HttpStatusCode.InternalServerError);
        Assert.Equal("The server could not answer this request; the error has been logged.", problem.GetProperty("detail").GetString());
        Assert.DoesNotContain("secret", await response.Content.ReadAsStringAsync());
    }

    [Theory]
    [InlineData("Development")]
    [InlineData("Production")]
    public async Task AnExceptionOutsideTheHandlersIsAGeneric500FromTheHost(string environment)
    {
        // The service fails to resolve while the request's parameters are bound, before the endpoint's filters run.
        using var factory = new ApiFactory(models.PathA, environment: environment,
            services: s => s.AddSingleton<IColdStartRecommender>(_ => throw new InvalidOperationException("secret internals")));
        var response = await factory.CreateClient().PostAsync("/recommendations", Http.JsonBody(Http.RatingsBody([(1, 4.0)])));
        await Http.Problem(response, HttpStatusCode.InternalServerError);
        Assert.DoesNotContain("secret", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task WithoutAModelTheEndpointsAre503()
    {
        string missing = Path.Combine(models.Folder, "not-there-yet", "model.hrec");
        using var factory = new ApiFactory(missing);
        var problem = await Http.Problem(await factory.CreateClient().GetAsync("/users/1/recommendations"), HttpStatusCode.ServiceUnavailable);
        Assert.Equal("No model is loaded yet.", problem.GetProperty("detail").GetString());
    }

    private sealed class ThrowingColdStart : IColdStartRecommender
    {
        public IReadOnlyList<ScoredItem> Recommend(ModelSnapshot snapshot, IReadOnlyList<ItemRating> ratings, int count) =>
            throw new InvalidOperationException("secret internals");
    }

    /// <summary>A stream without a length, so the client sends the body chunked.</summary>
    private sealed class NonSeekableStream(byte[] bytes) : MemoryStream(bytes)
    {
        public override bool CanSeek => false;
    }

    public void Dispose() => _factory.Dispose();
}
