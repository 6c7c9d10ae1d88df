namespace HybridRec.Model.Training;

/// <summary>A progress report from <see cref="HybridTrainer"/>: either during an epoch (<see cref="Epoch"/> is null) or at its end.</summary>
/// <param name="EpochNumber">1-based epoch.</param>
/// <param name="Epochs">Planned epochs.</param>
/// <param name="Batch">Batches done in this epoch.</param>
/// <param name="Batches">Batches in an epoch.</param>
/// <param name="RunningTrainRmse">Training RMSE (normalised) over the batches of this epoch so far.</param>
/// <param name="Elapsed">Training time so far.</param>
/// <param name="Epoch">The finished epoch's summary, at the end of an epoch.</param>
/// <param name="Member">0-based ensemble member being trained.</param>
/// <param name="Members">Ensemble size.</param>
public sealed record TrainingProgress(int EpochNumber, int Epochs, int Batch, int Batches, double RunningTrainRmse, TimeSpan Elapsed, EpochSummary? Epoch, int Member = 0, int Members = 1);

/// <summary>One finished epoch.</summary>
/// <param name="Epoch">1-based epoch.</param>
/// <param name="TrainRmse">Training RMSE (normalised, computed during the epoch as the parameters moved).</param>
/// <param name="ValidationRmse">Validation RMSE on the normalised scale with clipped predictions, or NaN without validation.</param>
/// <param name="ValidationRmseStars">Validation RMSE in stars, or NaN.</param>
/// <param name="Duration">Training time of the epoch (without validation).</param>
/// <param name="SamplesPerSecond">Training samples per second in this epoch.</param>
/// <param name="Member">0-based ensemble member the epoch belongs to.</param>
public sealed record EpochSummary(int Epoch, double TrainRmse, double ValidationRmse, double ValidationRmseStars, TimeSpan Duration, double SamplesPerSecond, int Member = 0)
{
    /// <summary>
    /// With a ranking head: the epoch's mean sampled-softmax cross-entropy per training sample (natural log, unweighted,
    /// the positive against its k sampled negatives with the logQ correction, on the fitting part); null without one.
    /// </summary>
    public double? TrainRankingLoss { get; init; }
}
