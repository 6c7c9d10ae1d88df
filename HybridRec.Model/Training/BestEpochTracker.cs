using HybridRec.Model.Backends;

namespace HybridRec.Model.Training;

/// <summary>
/// Follows the validation RMSE epoch by epoch: keeps the best epoch (and, when restoring, its parameters), lowers
/// the learning rate on a plateau, and says when early stopping ends training.
/// </summary>
internal sealed class BestEpochTracker(TrainingOptions options, int parameterCount)
{
    private double _bestRmse = double.PositiveInfinity;
    private int _sinceBest;

    /// <summary>1-based best epoch so far (0 before any validation).</summary>
    public int BestEpoch { get; private set; }

    /// <summary>The best epoch's parameters, when <see cref="TrainingOptions.RestoreBestEpoch"/> is on and an epoch was validated.</summary>
    public float[]? BestParameters { get; private set; }

    /// <summary>Records epoch <paramref name="epoch"/>'s validation RMSE; returns true when training should stop early.</summary>
    public bool Observe(int epoch, double validationRmse, IModelBackend backend)
    {
        if (validationRmse < _bestRmse)
        {
            _bestRmse = validationRmse;
            BestEpoch = epoch;
            _sinceBest = 0;
            if (options.RestoreBestEpoch)
            {
                BestParameters ??= new float[parameterCount];
                backend.GetParameters(BestParameters);
            }
            return false;
        }
        _sinceBest++;
        if (options.LearningRateDecay < 1 && _sinceBest % options.DecayPatience == 0)
            backend.LearningRate *= options.LearningRateDecay;
        return options.Patience is int patience && _sinceBest >= patience && epoch < options.Epochs;
    }
}
