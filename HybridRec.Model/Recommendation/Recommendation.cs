namespace HybridRec.Model.Recommendation;

/// <summary>One recommended item.</summary>
/// <param name="ItemId">Raw item id (MovieLens: the movie id).</param>
/// <param name="Name">The item's name (MovieLens: the title); empty when the data has none.</param>
/// <param name="PredictedRating">Predicted rating on the dataset's scale (stars for MovieLens), clipped to the scale.</param>
public sealed record Recommendation(int ItemId, string Name, float PredictedRating);

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
