using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;

namespace HybridRec.Serving.Endpoints;

/// <summary>The RFC 7807 problem details the endpoints answer with (type and title follow the status code).</summary>
internal static class Problems
{
    public static ProblemHttpResult NotFound(string detail) => TypedResults.Problem(detail, statusCode: StatusCodes.Status404NotFound);

    /// <summary>400 with the offending field(s) under <c>errors</c>, as ASP.NET Core's validation problems.</summary>
    public static ProblemHttpResult Invalid(string field, string message) => Invalid(new Dictionary<string, string[]> { [field] = [message] });

    public static ProblemHttpResult Invalid(IDictionary<string, string[]> errors) =>
        TypedResults.Problem(new HttpValidationProblemDetails(errors)
        {
            Status = StatusCodes.Status400BadRequest,
            Detail = string.Join(" ", errors.SelectMany(e => e.Value)),
        });

    public static ProblemHttpResult BadRequest(string detail) => TypedResults.Problem(detail, statusCode: StatusCodes.Status400BadRequest);

    public static ProblemHttpResult TooLarge(long limit) =>
        TypedResults.Problem($"The request body is larger than the limit of {limit:N0} bytes.", statusCode: StatusCodes.Status413PayloadTooLarge);

    public static ProblemHttpResult UnsupportedMediaType() =>
        TypedResults.Problem("The request body must be JSON (Content-Type: application/json).", statusCode: StatusCodes.Status415UnsupportedMediaType);

    public static ProblemHttpResult NoModel(string? error) =>
        TypedResults.Problem("No model is loaded yet" + (error is null ? "." : $" (the last attempt failed: {error})."), statusCode: StatusCodes.Status503ServiceUnavailable);

    /// <summary>A generic 500: what went wrong is logged, never sent.</summary>
    public static ProblemHttpResult ServerError() =>
        TypedResults.Problem("The server could not answer this request; the error has been logged.", statusCode: StatusCodes.Status500InternalServerError);
}
