namespace HybridRec.Serving.Contracts;

/// <summary>A movie close to another one in the model.</summary>
/// <param name="MovieId">The movie's id.</param>
/// <param name="Title">The movie's title; empty when the data has none.</param>
/// <param name="Similarity">Cosine similarity of the two movies' learned embeddings, averaged over the ensemble's members, in [−1, 1].</param>
public sealed record SimilarMovie(int MovieId, string Title, float Similarity);
