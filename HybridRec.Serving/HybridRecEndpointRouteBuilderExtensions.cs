using HybridRec.Serving.Endpoints;
using HybridRec.Serving.Health;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace HybridRec.Serving;

/// <summary>Maps the HybridRec endpoints.</summary>
public static class HybridRecEndpointRouteBuilderExtensions
{
    /// <summary>The OpenAPI tag of the endpoints.</summary>
    public const string Tag = "HybridRec";

    /// <summary>
    /// Maps, under <paramref name="prefix"/>:
    /// <list type="bullet">
    /// <item><c>GET /users/{userId}/recommendations?count=3</c> — the best movies a known user has not rated;</item>
    /// <item><c>GET /movies/{movieId}/similar?count=10</c> — the movies closest to one in the model;</item>
    /// <item><c>GET /movies/{movieId}</c> — title, feature values (genres, tags, …) and training ratings of a movie;</item>
    /// <item><c>POST /recommendations</c> — recommendations for a new user from the ratings in the body;</item>
    /// <item><c>GET /model</c> — the model being served;</item>
    /// </list>
    /// and, at the root, <c>/health/live</c> and <c>/health/ready</c> (unless <see cref="HybridRecServingOptions.MapHealthChecks"/>
    /// is off). Errors are RFC 7807 problem details (404 unknown user or movie, 400 bad count or body, 413 body too
    /// large, 415 not JSON, 503 no model yet, a generic 500 for anything else). Needs
    /// <see cref="HybridRecServiceCollectionExtensions.AddHybridRec"/>. Returns the group, for conventions such as
    /// authorisation or rate limiting.
    /// </summary>
    public static RouteGroupBuilder MapHybridRec(this IEndpointRouteBuilder endpoints, string prefix = "")
    {
        ArgumentNullException.ThrowIfNull(endpoints);
        var options = endpoints.ServiceProvider.GetRequiredService<IOptions<HybridRecServingOptions>>().Value;
        var group = endpoints.MapGroup(prefix).WithTags(Tag).AddEndpointFilter<UnhandledExceptionFilter>();

        group.MapGet("/users/{userId:int}/recommendations", HybridRecHandlers.UserRecommendations)
            .WithName("GetUserRecommendations")
            .WithSummary("Recommendations for a known user")
            .WithDescription($"The `count` movies (default {options.DefaultCount}, 1..{options.MaxCount}) with the highest ranking score that the user did not rate in training, best first.")
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status503ServiceUnavailable);

        group.MapGet("/movies/{movieId:int}/similar", HybridRecHandlers.SimilarMovies)
            .WithName("GetSimilarMovies")
            .WithSummary("Movies similar to a movie")
            .WithDescription($"The `count` movies (default {options.DefaultSimilarCount}, 1..{options.MaxCount}) whose learned embeddings are closest to the movie's (cosine similarity averaged over the ensemble's members), best first.")
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status503ServiceUnavailable);

        group.MapGet("/movies/{movieId:int}", HybridRecHandlers.Movie)
            .WithName("GetMovie")
            .WithSummary("A movie")
            .WithDescription("The movie's title, the values of each item feature group the model uses (genres, tags, …) and how many ratings of it the model was trained on.")
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status503ServiceUnavailable);

        group.MapPost("/recommendations", HybridRecHandlers.ColdStartRecommendations)
            .WithName("PostColdStartRecommendations")
            .WithSummary("Recommendations for a new user from their ratings")
            .WithDescription($"For a user the model has never seen: the body lists their ratings (at most {options.MaxColdStartRatings}, distinct known movies, on the model's scale) and `count`; the answer never contains a movie the body rated. With no ratings, the list is not personal.")
            .Accepts<Contracts.ColdStartRequest>("application/json")
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status413PayloadTooLarge)
            .ProducesProblem(StatusCodes.Status415UnsupportedMediaType)
            .ProducesProblem(StatusCodes.Status503ServiceUnavailable);

        group.MapGet("/model", HybridRecHandlers.ModelInformation)
            .WithName("GetModel")
            .WithSummary("The model being served")
            .WithDescription("Its version (file hash and write time), when it was loaded, the dataset and its size.")
            .ProducesProblem(StatusCodes.Status503ServiceUnavailable);

        if (options.MapHealthChecks)
        {
            endpoints.MapHealthChecks("/health/live", new HealthCheckOptions { Predicate = _ => false }).ExcludeFromDescription();
            endpoints.MapHealthChecks("/health/ready", new HealthCheckOptions { Predicate = c => c.Tags.Contains(ModelLoadedHealthCheck.ReadyTag) }).ExcludeFromDescription();
        }
        return group;
    }
}
