using HybridRec.Model;
using HybridRec.Model.Recommendation;
using HybridRec.Serving.ColdStart;
using HybridRec.Serving.Contracts;
using HybridRec.Serving.Models;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Http.Json;
using Microsoft.Extensions.Options;

namespace HybridRec.Serving.Endpoints;

/// <summary>
/// The endpoint handlers. Each takes the current model snapshot once and answers from it (a reload meanwhile does
/// not change the answer), and sends the snapshot's version in the <c>X-Model-Version</c> header.
/// </summary>
internal static class HybridRecHandlers
{
    public const string VersionHeader = "X-Model-Version";
    private const string ColdStartExample = """{"ratings": [{"movieId": 1, "rating": 4.5}], "count": 3}.""";

    public static Results<Ok<MovieRecommendation[]>, ProblemHttpResult> UserRecommendations(int userId, int? count, HttpContext http,
        IHybridModelProvider provider, IOptions<HybridRecServingOptions> options)
    {
        if (!TryTake(provider, http, out var snapshot, out var problem)) return problem;
        if (!TryCount(count, options.Value.DefaultCount, options.Value.MaxCount, out int n, out problem)) return problem;
        var model = snapshot.Model;
        if (!model.Users.Contains(userId))
            return Problems.NotFound($"User {userId} is not in the model ({model.Users.Count:N0} users); for a new user, POST their ratings to /recommendations.");
        return TypedResults.Ok(snapshot.Recommend(userId, n).Select(ToContract).ToArray());
    }

    public static Results<Ok<SimilarMovie[]>, ProblemHttpResult> SimilarMovies(int movieId, int? count, HttpContext http,
        IHybridModelProvider provider, IOptions<HybridRecServingOptions> options)
    {
        if (!TryTake(provider, http, out var snapshot, out var problem)) return problem;
        if (!TryCount(count, options.Value.DefaultSimilarCount, options.Value.MaxCount, out int n, out problem)) return problem;
        if (!snapshot.Model.Items.Contains(movieId)) return UnknownMovie(snapshot.Model, movieId);
        return TypedResults.Ok(snapshot.SimilarItems(movieId, n).Select(s => new SimilarMovie(s.ItemId, s.Name, s.Similarity)).ToArray());
    }

    public static Results<Ok<MovieDetails>, ProblemHttpResult> Movie(int movieId, HttpContext http, IHybridModelProvider provider)
    {
        if (!TryTake(provider, http, out var snapshot, out var problem)) return problem;
        var model = snapshot.Model;
        if (!model.Items.TryGetIndex(movieId, out int m)) return UnknownMovie(model, movieId);
        var features = model.ItemFeatures.ToDictionary(g => g.Name,
            g => (IReadOnlyList<string>)g.Values.Row(m).ToArray().Select(j => g.Vocabulary[j]).ToArray());
        return TypedResults.Ok(new MovieDetails(movieId, model.ItemNames[m], features, snapshot.TrainingRatings[m]));
    }

    public static Results<Ok<ModelInfo>, ProblemHttpResult> ModelInformation(HttpContext http, IHybridModelProvider provider)
    {
        if (!TryTake(provider, http, out var snapshot, out var problem)) return problem;
        var model = snapshot.Model;
        var v = snapshot.Version;
        return TypedResults.Ok(new ModelInfo(v.Id, v.Sha256, v.LastWriteTime, snapshot.LoadedAt, model.DatasetName, model.Users.Count, model.Items.Count,
            model.MemberCount, model.Scale.Min, model.Scale.Max, model.Scale.Step));
    }

    public static async Task<Results<Ok<MovieRecommendation[]>, ProblemHttpResult>> ColdStartRecommendations(HttpContext http, IHybridModelProvider provider,
        IColdStartRecommender coldStart, IOptions<HybridRecServingOptions> options, IOptions<JsonOptions> json)
    {
        if (!TryTake(provider, http, out var snapshot, out var problem)) return problem;
        var limits = options.Value;
        var (body, bodyProblem) = await JsonBody.ReadAsync<ColdStartRequest>(http.Request, limits.MaxRequestBodyBytes, json.Value.SerializerOptions, ColdStartExample, http.RequestAborted);
        if (bodyProblem is not null) return bodyProblem;
        if (!TryCount(body!.Count, limits.DefaultCount, limits.MaxCount, out int n, out problem)) return problem;
        if (!TryRatings(snapshot.Model, body.Ratings, limits.MaxColdStartRatings, out var ratings, out problem)) return problem;
        var model = snapshot.Model;
        return TypedResults.Ok(coldStart.Recommend(snapshot, ratings, n)
            .Select(r => new MovieRecommendation(model.Items.GetRawId(r.Item), model.ItemNames[r.Item], r.Score, r.PredictedRating)).ToArray());
    }

    /// <summary>The one place a model recommendation becomes a response item.</summary>
    private static MovieRecommendation ToContract(Recommendation r) =>
        new(r.ItemId, r.Name, r.Score, r.PredictedRating);

    private static bool TryTake(IHybridModelProvider provider, HttpContext http, out ModelSnapshot snapshot, out ProblemHttpResult problem)
    {
        var current = provider.Current;
        if (current is null)
        {
            snapshot = null!;
            problem = Problems.NoModel(provider.LastAttempt?.Error);
            return false;
        }
        http.Response.Headers[VersionHeader] = current.Version.Id;
        snapshot = current;
        problem = null!;
        return true;
    }

    private static bool TryCount(int? count, int fallback, int max, out int n, out ProblemHttpResult problem)
    {
        n = count ?? fallback;
        problem = null!;
        if (n >= 1 && n <= max) return true;
        problem = Problems.Invalid("count", $"count must be between 1 and {max} (got {n}).");
        return false;
    }

    private static bool TryRatings(HybridModel model, IReadOnlyList<ColdStartRating>? given, int max, out List<ItemRating> ratings, out ProblemHttpResult problem)
    {
        ratings = [];
        problem = null!;
        if (given is null)
        {
            problem = Problems.Invalid("ratings", "ratings must be a list (it may be empty).");
            return false;
        }
        if (given.Count > max)
        {
            problem = Problems.Invalid("ratings", $"at most {max} ratings are accepted per request (got {given.Count}).");
            return false;
        }
        var errors = new Dictionary<string, string[]>();
        var seen = new Dictionary<int, int>();
        var scale = model.Scale;
        for (int i = 0; i < given.Count; i++)
        {
            string field = $"ratings[{i}]";
            if (given[i] is not { } r) { errors[field] = ["a rating must be an object with movieId and rating."]; continue; }
            int before = errors.Count;
            if (!model.Items.TryGetIndex(r.MovieId, out int m)) errors[field + ".movieId"] = [$"movie {r.MovieId} is not in the model."];
            else if (seen.TryGetValue(r.MovieId, out int first)) errors[field + ".movieId"] = [$"movie {r.MovieId} is rated twice (also in ratings[{first}])."];
            else seen[r.MovieId] = i;
            if (!(r.Rating >= scale.Min && r.Rating <= scale.Max)) errors[field + ".rating"] = [$"rating {r.Rating} is outside the model's scale ({scale.Min} to {scale.Max})."];
            if (errors.Count == before) ratings.Add(new ItemRating(m, r.Rating));
        }
        if (errors.Count == 0) return true;
        problem = Problems.Invalid(errors);
        return false;
    }

    private static ProblemHttpResult UnknownMovie(HybridModel model, int movieId) =>
        Problems.NotFound($"Movie {movieId} is not in the model ({model.Items.Count:N0} movies).");
}
