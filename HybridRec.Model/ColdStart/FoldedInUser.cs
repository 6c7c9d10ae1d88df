using HybridRec.Model.Scoring;

namespace HybridRec.Model.ColdStart;

/// <summary>
/// A user the model was not trained on, fitted from their ratings by <see cref="HybridModel.FoldInUser"/>: one set of
/// user rows per ensemble member. Pass it to <see cref="HybridModel.Recommend(FoldedInUser, Recommendation.RecommendOptions?)"/>,
/// <see cref="HybridModel.PredictStars(FoldedInUser, int)"/> or <see cref="HybridModel.ScoreNewItem(FoldedInUser, NewItem)"/>
/// of the same model. Immutable.
/// </summary>
public sealed class FoldedInUser
{
    internal FoldedInUser(HybridModel model, IReadOnlyList<(int ItemId, float Rating)> ratings, int[] ratedItems, UserRows[] members, double initialLoss, double finalLoss)
    {
        Model = model;
        Ratings = Array.AsReadOnly(ratings.ToArray());
        RatedItems = ratedItems;
        Members = members;
        InitialLoss = initialLoss;
        FinalLoss = finalLoss;
    }

    /// <summary>The ratings it was fitted on (raw item id, rating on the model's scale), as given.</summary>
    public IReadOnlyList<(int ItemId, float Rating)> Ratings { get; }

    /// <summary>
    /// The fit's objective before the first step (all rows zero), the members' mean: the mean squared error on the
    /// normalised ratings plus the L2 term (<see cref="FoldInOptions.L2Scale"/>). 0 without ratings.
    /// </summary>
    public double InitialLoss { get; }

    /// <summary>The same objective after the last step.</summary>
    public double FinalLoss { get; }

    /// <summary>The model it belongs to.</summary>
    internal HybridModel Model { get; }

    /// <summary>Item indices of <see cref="Ratings"/>, ascending (the items its lists leave out).</summary>
    internal int[] RatedItems { get; }

    /// <summary>The fitted rows, one per member.</summary>
    internal UserRows[] Members { get; }
}
