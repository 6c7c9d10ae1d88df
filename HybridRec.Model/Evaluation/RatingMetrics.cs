namespace HybridRec.Model.Evaluation;

/// <summary>Error of predicted ratings against true ones, on the [0, 1] scale and in stars, with predictions clipped to the scale.</summary>
/// <param name="Rmse">Root mean squared error on the normalised [0, 1] scale.</param>
/// <param name="Mae">Mean absolute error on the normalised scale.</param>
/// <param name="RmseStars">Root mean squared error in stars.</param>
/// <param name="MaeStars">Mean absolute error in stars.</param>
/// <param name="Count">Number of ratings evaluated.</param>
public sealed record RatingMetrics(double Rmse, double Mae, double RmseStars, double MaeStars, long Count)
{
    /// <summary>
    /// Computes the metrics from normalised predictions and targets; each prediction is clipped to [0, 1] first.
    /// <paramref name="starRange"/> is Max − Min of the rating scale, converting normalised errors to stars.
    /// </summary>
    public static RatingMetrics Compute(ReadOnlySpan<float> predictions, ReadOnlySpan<float> targets, float starRange)
    {
        if (predictions.Length != targets.Length) throw new ArgumentException($"{predictions.Length} predictions for {targets.Length} targets.");
        if (predictions.Length == 0) return new RatingMetrics(double.NaN, double.NaN, double.NaN, double.NaN, 0);
        double se = 0, ae = 0;
        for (int i = 0; i < predictions.Length; i++)
        {
            double p = Math.Clamp(predictions[i], 0f, 1f);
            double e = p - targets[i];
            se += e * e;
            ae += Math.Abs(e);
        }
        double rmse = Math.Sqrt(se / predictions.Length), mae = ae / predictions.Length;
        return new RatingMetrics(rmse, mae, rmse * starRange, mae * starRange, predictions.Length);
    }
}
