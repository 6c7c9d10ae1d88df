namespace HybridRec.Serving.Contracts;

/// <summary>One recommended movie (item).</summary>
/// <param name="MovieId">The movie's id (the raw item id of the data the model was trained on).</param>
/// <param name="Title">The movie's title (the item's name); empty when the data has none.</param>
/// <param name="Score">
/// What the list is ranked by, higher first. For a known user: the model's ranking score — today the predicted rating
/// normalised to [0, 1] on the rating scale. For a cold-start request: the cold-start method's score
/// (docs/serving.md).
/// </param>
/// <param name="PredictedStars">The predicted rating on the model's scale (stars for MovieLens), clipped to it.</param>
public sealed record MovieRecommendation(int MovieId, string Title, float Score, float PredictedStars);
