namespace HybridRec.Serving.Contracts;

/// <summary>What the model knows about a movie.</summary>
/// <param name="MovieId">The movie's id.</param>
/// <param name="Title">The movie's title; empty when the data has none.</param>
/// <param name="Features">The values of each item feature group the model uses, by group name (MovieLens: <c>genres</c>, <c>tags</c>).</param>
/// <param name="TrainingRatings">How many ratings of the movie the model was trained on.</param>
public sealed record MovieDetails(int MovieId, string Title, IReadOnlyDictionary<string, IReadOnlyList<string>> Features, int TrainingRatings);
