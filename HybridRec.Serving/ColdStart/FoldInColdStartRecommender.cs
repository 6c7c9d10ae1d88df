using HybridRec.Model;
using HybridRec.Model.ColdStart;
using HybridRec.Model.Recommendation;
using HybridRec.Serving.Models;

namespace HybridRec.Serving.ColdStart;

/// <summary>
/// The cold start of <c>POST /recommendations</c>: the model layer's fold-in (<see cref="HybridModel.FoldInUser"/>,
/// default <see cref="FoldInOptions"/>) places the new user in the model's user space from the given ratings, and
/// <see cref="HybridModel.Recommend(FoldedInUser, RecommendOptions?)"/> ranks the candidates
/// (<see cref="HybridRecServingOptions.CandidateMinTrainingRatings"/>) the body did not rate, on the request's thread.
/// With no ratings the list is the most rated movies (the fold-in's non-personal list).
/// </summary>
public sealed class FoldInColdStartRecommender : IColdStartRecommender
{
    /// <inheritdoc />
    public IReadOnlyList<ScoredItem> Recommend(ModelSnapshot snapshot, IReadOnlyList<ItemRating> ratings, int count)
    {
        ArgumentNullException.ThrowIfNull(snapshot);
        ArgumentNullException.ThrowIfNull(ratings);
        ArgumentOutOfRangeException.ThrowIfNegative(count);
        if (count == 0) return [];
        var model = snapshot.Model;
        var user = model.FoldInUser(ratings.Select(r => (model.Items.GetRawId(r.Item), r.Rating)).ToList());
        var options = new RecommendOptions { Count = count, MinTrainingRatings = snapshot.CandidateMinTrainingRatings };
        return model.Recommend(user, options).Select(r => new ScoredItem(model.Items.GetIndex(r.ItemId), r.Score, r.PredictedRating)).ToList();
    }
}
