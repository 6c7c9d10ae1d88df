namespace HybridRec.Serving.Contracts;

/// <summary>The body of <c>POST /recommendations</c>: a new user's ratings and how many movies to recommend.</summary>
public sealed record ColdStartRequest
{
    /// <summary>The user's ratings: distinct movies the model knows, ratings on the model's scale; may be empty (then the list is not personal).</summary>
    public required IReadOnlyList<ColdStartRating> Ratings { get; init; }

    /// <summary>How many movies to recommend (default: the server's default count).</summary>
    public int? Count { get; init; }
}

/// <summary>One rating in a <see cref="ColdStartRequest"/>.</summary>
public sealed record ColdStartRating
{
    /// <summary>The movie's id.</summary>
    public required int MovieId { get; init; }

    /// <summary>The rating, on the model's scale (MovieLens: 0.5 to 5 stars).</summary>
    public required float Rating { get; init; }
}
