using HybridRec.Model.Backends;
using HybridRec.Model.Parameters;

namespace HybridRec.Model.Training;

/// <summary>
/// Stops a member whose training diverged: after each epoch (and refit epoch) the epoch's summed loss must be finite
/// and every parameter finite and within ±10⁶ (<see cref="ParameterCheck"/>; one copy out of the backend and one
/// vectorised pass, small next to an epoch).
/// </summary>
internal sealed class DivergenceGuard(ParameterLayout layout, int member, int members)
{
    private float[]? _parameters;

    /// <summary>Throws <see cref="TrainingDivergedException"/> when the loss of the epoch is not finite or a parameter is out of range.</summary>
    public void Check(IModelBackend backend, int epoch, bool refit, double sumSquaredError, long count)
    {
        if (!double.IsFinite(sumSquaredError))
            throw new TrainingDivergedException(member, members, epoch, refit,
                $"the training loss is {(double.IsNaN(sumSquaredError) ? "NaN" : "infinite")} (summed over {count:N0} samples)", backend.LearningRate);
        _parameters ??= new float[layout.Count];
        backend.GetParameters(_parameters);
        if (ParameterCheck.Describe(layout, _parameters) is { } reason)
            throw new TrainingDivergedException(member, members, epoch, refit, reason, backend.LearningRate);
    }
}
