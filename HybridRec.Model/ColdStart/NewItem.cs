namespace HybridRec.Model.ColdStart;

/// <summary>
/// An item the model was not trained on, described by its feature values (<see cref="HybridModel.DescribeNewItem"/>):
/// it is scored through the item towers over those values, with its learned parts — both item embeddings and the item
/// bias — at zero, which is where training leaves the rows of an item with no ratings (the L2 terms pull them to zero).
/// Immutable.
/// </summary>
public sealed class NewItem
{
    internal NewItem(HybridModel model, string name, IReadOnlyDictionary<string, IReadOnlyList<string>> features, float[] constants)
    {
        Model = model;
        Name = name;
        Features = features;
        Constants = constants;
    }

    /// <summary>Its name (free text, for display).</summary>
    public string Name { get; }

    /// <summary>Its feature values by item feature group, as given.</summary>
    public IReadOnlyDictionary<string, IReadOnlyList<string>> Features { get; }

    /// <summary>The model it belongs to.</summary>
    internal HybridModel Model { get; }

    /// <summary>Per member: the item's constant term bo + Σ item towers w_g·h_g + μ (design.md §1, serving form).</summary>
    internal float[] Constants { get; }
}

/// <summary>A user's score for an item (<see cref="HybridModel.ScoreNewItem(int, NewItem)"/>).</summary>
/// <param name="Score">The ranking score, comparable with <see cref="Recommendation.Recommendation.Score"/> of the model's items for the same user.</param>
/// <param name="PredictedRating">The predicted rating on the model's scale, clipped to it.</param>
public readonly record struct ItemScore(float Score, float PredictedRating);
