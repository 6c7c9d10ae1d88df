using HybridRec.Model.Backends;
using HybridRec.Model.Evaluation;

namespace HybridRec.Model.Training;

/// <summary>The RMSE of a backend's current parameters on a member's validation part (predictions clipped).</summary>
internal sealed class ValidationScorer(TrainingSamples validation, float scaleRange)
{
    private readonly float[] _predictions = new float[validation.Count];

    /// <summary>Whether there is a validation part.</summary>
    public bool HasData => validation.Count > 0;

    /// <summary>Normalised RMSE and RMSE on the rating scale; NaN without a validation part.</summary>
    public (double Rmse, double RmseStars) Score(IModelBackend backend)
    {
        if (!HasData) return (double.NaN, double.NaN);
        backend.Predict(validation.Users, validation.Items, _predictions);
        var metrics = RatingMetrics.Compute(_predictions, validation.Targets, scaleRange);
        return (metrics.Rmse, metrics.RmseStars);
    }
}
