using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using HybridRec.Model;
using HybridRec.Model.Recommendation;
using HybridRec.Serving.Contracts;

namespace HybridRec.Serving.Tests.TestData;

/// <summary>Request and response helpers.</summary>
internal static class Http
{
    public static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public static StringContent JsonBody(string json) => new(json, Encoding.UTF8, "application/json");

    public static string RatingsBody(IEnumerable<(int MovieId, double Rating)> ratings, int? count = null) =>
        JsonSerializer.Serialize(new { ratings = ratings.Select(r => new { movieId = r.MovieId, rating = r.Rating }), count }, Json);

    public static async Task<T> Ok<T>(HttpResponseMessage response)
    {
        string body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"expected 200, got {(int)response.StatusCode}: {body}");
        return JsonSerializer.Deserialize<T>(body, Json)!;
    }

    /// <summary>Asserts an RFC 7807 problem with <paramref name="status"/> and returns it as JSON.</summary>
    public static async Task<JsonElement> Problem(HttpResponseMessage response, HttpStatusCode status)
    {
        string body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == status, $"expected {(int)status}, got {(int)response.StatusCode}: {body}");
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var problem = JsonDocument.Parse(body).RootElement;
        Assert.Equal((int)status, problem.GetProperty("status").GetInt32());
        Assert.False(string.IsNullOrEmpty(problem.GetProperty("title").GetString()));
        Assert.False(string.IsNullOrEmpty(problem.GetProperty("type").GetString()));
        AssertNoInternals(body);
        return problem;
    }

    /// <summary>No stack trace, exception type or source path in a response.</summary>
    public static void AssertNoInternals(string body)
    {
        foreach (string leak in new[] { "   at ", "Exception", "HybridRec.Serving.", "HybridRec.Model.", ".cs:line" })
            Assert.DoesNotContain(leak, body);
    }

    /// <summary>What the endpoint should answer for a known user: the model's own list, mapped as the endpoint maps it.</summary>
    public static MovieRecommendation[] Expected(HybridModel model, int userId, int count) =>
        model.Recommend(userId, count).Select(r => new MovieRecommendation(r.ItemId, r.Name, r.Score, r.PredictedRating)).ToArray();

    /// <summary>The model layer's list for a new user folded in from <paramref name="ratings"/> (every movie a candidate, as in <see cref="ApiFactory"/>).</summary>
    public static IReadOnlyList<Recommendation> FoldInList(HybridModel model, (int Movie, double Rating)[] ratings, int count) =>
        model.Recommend(model.FoldInUser(ratings.Select(r => (r.Movie, (float)r.Rating)).ToList()), new RecommendOptions { Count = count, MinTrainingRatings = 0 });

    public static async Task<string> Version(HttpClient client)
    {
        var info = await Ok<ModelInfo>(await client.GetAsync("/model"));
        return info.Version;
    }
}
