using HybridRec.Model.Recommendation;
using HybridRec.Serving.Models;

namespace HybridRec.Serving.ColdStart;

/// <summary>
/// INTERIM cold start, until the model layer's fold-in (<c>HybridModel.FoldInUser</c>, issue 11 item 2) exists: an
/// item-based neighbourhood method over the model's item similarity (<see cref="ItemSimilarity"/>), which needs no
/// change to the model. It does not place the new user in the model's user space as the fold-in will, so its lists
/// and predictions are a different (weaker) method than the model's own, not an approximation of them.
/// <list type="bullet">
/// <item>Ranking score of item m: Σ_j sim(m, j)·(r_j − c)/h over the rated items j, divided by their number, where
/// c and h are the middle and half-width of the rating scale — items like those rated high rise, items like those
/// rated low sink; in [−1, 1].</item>
/// <item>Predicted rating: the similarity-weighted mean of the given ratings over the positively similar rated
/// items, shrunk towards the user's mean rating with weight 1: (Σ_j w_j r_j + r̄) / (Σ_j w_j + 1), w_j = max(sim, 0).</item>
/// <item>No ratings: the items with the most training ratings (score = count / largest count), each predicted at
/// the model's mean training rating (the middle of the scale for a model without biases).</item>
/// </list>
/// Only candidates are returned (<see cref="HybridRecServingOptions.CandidateMinTrainingRatings"/>); ties are broken
/// by the lower item index; the cost is one pass over the catalogue plus count × ratings similarities.
/// </summary>
public sealed class InterimSimilarityColdStartRecommender : IColdStartRecommender
{
    /// <inheritdoc />
    public IReadOnlyList<ScoredItem> Recommend(ModelSnapshot snapshot, IReadOnlyList<ItemRating> ratings, int count)
    {
        ArgumentNullException.ThrowIfNull(snapshot);
        ArgumentNullException.ThrowIfNull(ratings);
        ArgumentOutOfRangeException.ThrowIfNegative(count);
        var model = snapshot.Model;
        var scale = model.Scale;
        int n = ratings.Count;
        var scores = new float[model.Items.Count];
        var rated = ratings.Select(r => r.Item).Order().ToArray();
        if (n == 0)
        {
            float most = Math.Max(1, snapshot.TrainingRatings.Max());
            for (int m = 0; m < scores.Length; m++) scores[m] = snapshot.TrainingRatings[m] / most;
            float mean = model.Layout.HasBiases ? scale.Denormalize(model.GlobalOffset) : (scale.Min + scale.Max) / 2;
            return snapshot.TopCandidates(scores, count, []).Select(m => new ScoredItem(m, scores[m], Math.Clamp(mean, scale.Min, scale.Max))).ToList();
        }

        float middle = (scale.Min + scale.Max) / 2, half = scale.Range / 2;
        var items = ratings.Select(r => r.Item).ToArray();
        var weights = ratings.Select(r => (r.Rating - middle) / half / n).ToArray();
        snapshot.Similarity.WeightedSimilarities(items, weights, scores);
        float userMean = ratings.Average(r => r.Rating);
        return snapshot.TopCandidates(scores, count, rated).Select(m =>
        {
            float weighted = userMean, total = 1;
            foreach (var r in ratings)
            {
                float w = Math.Max(0f, snapshot.Similarity.Similarity(m, r.Item));
                weighted += w * r.Rating;
                total += w;
            }
            return new ScoredItem(m, scores[m], Math.Clamp(weighted / total, scale.Min, scale.Max));
        }).ToList();
    }
}
