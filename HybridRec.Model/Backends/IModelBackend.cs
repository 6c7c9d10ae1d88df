using HybridRec.Model.Parameters;
using HybridRec.Model.Training;

namespace HybridRec.Model.Backends;

/// <summary>
/// Runs the hybrid network: training steps (forward, backward, Adam) over the batches of an
/// <see cref="EpochPlan"/>, and predictions. Implementations own their parameter block (on a device it stays
/// there); <see cref="SetParameters"/> and <see cref="GetParameters"/> move it in and out.
/// </summary>
public interface IModelBackend : IDisposable
{
    /// <summary>The backend's command-line name (<c>cpu</c>, <c>cuda</c>, …).</summary>
    string Name { get; }

    /// <summary>The device that runs it, in words (name, type, architecture, memory).</summary>
    string DeviceDescription { get; }

    /// <summary>The parameter layout.</summary>
    ParameterLayout Layout { get; }

    /// <summary>Number of Adam steps taken since the last <see cref="SetParameters"/>.</summary>
    long Step { get; }

    /// <summary>Adam's learning rate for the following steps (moments and step count are kept); starts at the setup's value.</summary>
    float LearningRate { get; set; }

    /// <summary>Replaces all parameters and resets the optimiser (moments to zero, step to 0).</summary>
    void SetParameters(ReadOnlySpan<float> parameters);

    /// <summary>Copies the current parameters out (synchronises).</summary>
    void GetParameters(Span<float> destination);

    /// <summary>One training step on batch <paramref name="batch"/> of <paramref name="plan"/>: forward, backward, Adam.</summary>
    void TrainBatch(EpochPlan plan, int batch);

    /// <summary>Returns the sum of squared errors (normalised scale) and the sample count of the steps since the last call, then resets them (synchronises).</summary>
    (double SumSquaredError, long Count) TakeLoss();

    /// <summary>
    /// Returns the summed sampled-softmax cross-entropy of the ranking head (unweighted, natural log) and the sample
    /// count of the steps since the last call, then resets them; (0, 0) for a network without a ranking head.
    /// </summary>
    (double SumCrossEntropy, long Count) TakeRankingLoss() => (0, 0);

    /// <summary>Raw (unclipped) normalised predictions for the given (user, item) index pairs.</summary>
    void Predict(ReadOnlySpan<int> users, ReadOnlySpan<int> items, Span<float> output);

    /// <summary>Waits for queued work to finish (a no-op on the CPU).</summary>
    void Synchronize();
}
