namespace HybridRec.Model.Recommendation;

/// <summary>One recommended item.</summary>
/// <param name="ItemId">Raw item id (MovieLens: the movie id).</param>
/// <param name="Name">The item's name (MovieLens: the title); empty when the data has none.</param>
/// <param name="Score">
/// What the list is ranked by (higher first), averaged over the ensemble's members. For a model trained on ratings
/// only it is the unclipped normalised predicted rating (the rating scale mapped to [0, 1], not clipped, so it can
/// leave [0, 1] and still orders items the clipped rating would tie); a model with a ranking output ranks by that
/// output instead. Comparable between items of one model, not between models.
/// </param>
/// <param name="PredictedRating">Predicted rating on the dataset's scale (stars for MovieLens), clipped to the scale.</param>
public sealed record Recommendation(int ItemId, string Name, float Score, float PredictedRating);

/// <summary>Thrown when a user id is not part of a model.</summary>
public sealed class UnknownUserException : KeyNotFoundException
{
    /// <summary>Creates the exception for <paramref name="userId"/> in a model of <paramref name="userCount"/> users with ids from <paramref name="minId"/> to <paramref name="maxId"/>.</summary>
    public UnknownUserException(int userId, int userCount, int minId, int maxId)
        : base($"user {userId} is not in the model ({userCount:N0} users, ids {minId}–{maxId}); the model can only recommend for users it was trained on.")
    {
        UserId = userId;
    }

    /// <summary>The unknown raw user id.</summary>
    public int UserId { get; }
}
