using HybridRec.Serving.Models;

namespace HybridRec.Serving.ColdStart;

/// <summary>
/// Recommends for a user the model has never seen, from the ratings the request gives (<c>POST /recommendations</c>).
/// AddHybridRec registers <see cref="FoldInColdStartRecommender"/> unless another implementation is registered first.
/// </summary>
public interface IColdStartRecommender
{
    /// <summary>
    /// The best <paramref name="count"/> items for a new user who gave <paramref name="ratings"/> (item indices of
    /// <paramref name="snapshot"/>'s model, distinct, ratings on its scale; possibly none), best first, never an item in
    /// <paramref name="ratings"/>.
    /// </summary>
    IReadOnlyList<ScoredItem> Recommend(ModelSnapshot snapshot, IReadOnlyList<ItemRating> ratings, int count);
}

/// <summary>One rating of a new user.</summary>
/// <param name="Item">Item index in the model.</param>
/// <param name="Rating">The rating, on the model's scale.</param>
public readonly record struct ItemRating(int Item, float Rating);

/// <summary>One recommended item.</summary>
/// <param name="Item">Item index in the model.</param>
/// <param name="Score">What the list is ranked by (higher is better).</param>
/// <param name="PredictedRating">The predicted rating, on the model's scale.</param>
public readonly record struct ScoredItem(int Item, float Score, float PredictedRating);
