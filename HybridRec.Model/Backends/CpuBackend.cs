using HybridRec.Model.Parameters;
using HybridRec.Model.Training;

namespace HybridRec.Model.Backends;

/// <summary>
/// The managed CPU backend: vectorised (<see cref="System.Numerics.Vector{T}"/>), multi-threaded and
/// deterministic (the same seed and batch size give bit-identical parameters whatever the thread count).
/// It is a real backend for machines without a GPU and the reference the ILGPU kernels are checked against.
/// </summary>
public sealed class CpuBackend : IModelBackend, IGradientBackend
{
    private readonly CpuNetwork<float> _net;
    private readonly int _threads;

    /// <summary>Creates the backend with zero parameters; call <see cref="SetParameters"/> before training.</summary>
    public CpuBackend(BackendSetup setup)
    {
        _net = new CpuNetwork<float>(setup);
        _threads = setup.Threads > 0 ? setup.Threads : Environment.ProcessorCount;
    }

    /// <inheritdoc />
    public string Name => "cpu";

    /// <inheritdoc />
    public string DeviceDescription => $"managed CPU, {_threads} thread(s), {System.Numerics.Vector<float>.Count}-wide float vectors ({System.Runtime.InteropServices.RuntimeInformation.ProcessArchitecture})";

    /// <inheritdoc />
    public ParameterLayout Layout => _net.Layout;

    /// <inheritdoc />
    public long Step => _net.Step;

    /// <inheritdoc />
    public float LearningRate
    {
        get => _net.LearningRate;
        set => _net.LearningRate = value;
    }

    /// <inheritdoc />
    public void SetParameters(ReadOnlySpan<float> parameters) => _net.SetParameters(parameters);

    /// <inheritdoc />
    public void GetParameters(Span<float> destination) => _net.GetParameters(destination);

    /// <inheritdoc />
    public void TrainBatch(EpochPlan plan, int batch)
    {
        ArgumentNullException.ThrowIfNull(plan);
        _net.TrainBatch(plan, batch);
    }

    /// <inheritdoc />
    public (double SumSquaredError, long Count) TakeLoss() => _net.TakeLoss();

    /// <inheritdoc />
    public (double SumCrossEntropy, long Count) TakeRankingLoss() => _net.TakeRankingLoss();

    void IGradientBackend.ComputeGradients(EpochPlan plan, int batch) => _net.ComputeGradients(plan, batch);

    void IGradientBackend.GetGradients(Span<float> destination)
    {
        if (destination.Length != Layout.Count) throw new ArgumentException($"expected a buffer of {Layout.Count}, got {destination.Length}.");
        _net.Gradients.CopyTo(destination);
    }

    /// <inheritdoc />
    public void Predict(ReadOnlySpan<int> users, ReadOnlySpan<int> items, Span<float> output) => _net.Predict(users, items, output);

    /// <inheritdoc />
    public void Synchronize() { }

    /// <inheritdoc />
    public void Dispose() { }
}
