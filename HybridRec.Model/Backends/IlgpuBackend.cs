using HybridRec.Kernels;
using HybridRec.Model.Backends.Ilgpu;
using HybridRec.Model.Parameters;
using HybridRec.Model.Training;
using ILGPU;
using ILGPU.Runtime;

namespace HybridRec.Model.Backends;

/// <summary>
/// The hybrid network composed from the ILGPU kernels of <see cref="HybridKernels"/> (docs/design.md §6–7): CUDA on
/// an NVIDIA GPU, OpenCL, or ILGPU's CPU accelerator. Parameters, gradients and Adam moments stay on the device
/// in one buffer of 4P floats; each epoch's shuffled samples and segment lists are uploaded once, so a training
/// step moves nothing but kernel arguments. Same layout, initial values and options as <see cref="CpuBackend"/>.
/// The parts: <see cref="DeviceMemory"/> (ownership), <see cref="DeviceEpoch"/> (uploads), <see cref="DeviceWorkspace"/>
/// (intermediates), <see cref="DeviceNetwork"/> (forward and backward), <see cref="DeviceRanking"/> (the ranking head, when the
/// layout has one), <see cref="DeviceAdam"/> (the optimiser step).
/// </summary>
internal sealed class IlgpuBackend : IModelBackend, IGradientBackend
{
    private const int PredictChunk = 1 << 16;

    private readonly ComputeDevice _device;
    private readonly bool _ownsDevice;
    private readonly HybridKernels _k;
    private readonly ParameterLayout _l;
    private readonly int _p;
    private AdamOptions _adam;
    private readonly DeviceMemory _memory;
    private readonly MemoryBuffer1D<float, Stride1D.Dense> _block = null!;     // (4P): parameters | gradients | m | v
    private readonly MemoryBuffer1D<double, Stride1D.Dense> _lossSum = null!;  // (1)
    private readonly DeviceEpoch _epoch = null!;
    private readonly DeviceWorkspace _workspace = null!;
    private readonly DeviceNetwork _network = null!;
    private readonly DeviceAdam _optimizer = null!;
    private readonly DeviceRanking? _ranking;
    private long _lossCount;
    private StepProfile? _profile;

    /// <summary>Creates the backend on a new device of <paramref name="kind"/> (owned and disposed by the backend).</summary>
    public IlgpuBackend(BackendSetup setup, DeviceKind kind) : this(setup, ComputeDevice.Create(kind), ownsDevice: true) { }

    /// <summary>Creates the backend on an existing device; the caller keeps ownership of <paramref name="device"/> (several backends may share it).</summary>
    public IlgpuBackend(BackendSetup setup, ComputeDevice device) : this(setup, device, ownsDevice: false) { }

    private IlgpuBackend(BackendSetup setup, ComputeDevice device, bool ownsDevice)
    {
        ArgumentNullException.ThrowIfNull(setup);
        ArgumentNullException.ThrowIfNull(device);
        _device = device;
        _ownsDevice = ownsDevice;
        _memory = new DeviceMemory(device.Accelerator);
        try
        {
            setup.Validate();
            _k = device.Kernels;
            _l = setup.Layout;
            _adam = setup.Adam;
            _p = _l.Count;
            _block = _memory.Allocate<float>(4L * _p);
            _lossSum = _memory.Allocate<double>(1);
            _epoch = new DeviceEpoch(_memory);
            _workspace = new DeviceWorkspace(_memory, _l);
            _network = new DeviceNetwork(_k, _memory, setup, _workspace, Mark);
            // An untrained head (BackendSetup.TrainRankingHead false) is left alone, as on the CPU backend: no candidates, no gradient.
            _ranking = setup.TrainsRankingHead ? new DeviceRanking(_k, _memory, setup) : null;
            _optimizer = new DeviceAdam(_k, setup);
        }
        catch
        {
            _memory.Dispose();
            if (ownsDevice) device.Dispose();
            throw;
        }
    }

    /// <summary>
    /// When set, every training step synchronises after each phase and adds the phase's wall time to the profile
    /// (slower: for finding where a step's time goes, never for throughput figures).
    /// </summary>
    internal StepProfile? Profile
    {
        get => _profile;
        set { _profile = value; _profile?.Restart(_device); }
    }

    private void Mark(string phase) => _profile?.Mark(phase, _device);

    /// <inheritdoc />
    public string Name => _device.Kind switch
    {
        DeviceKind.Cuda => "cuda",
        DeviceKind.OpenCL => "opencl",
        DeviceKind.IlgpuCpu => "ilgpu-cpu",
        _ => _device.Kind.ToString().ToLowerInvariant(),
    };

    /// <inheritdoc />
    public string DeviceDescription
    {
        get
        {
            var i = _device.Info;
            return $"{i.Name} ({i.Type}, architecture {i.Architecture}, instruction set {i.InstructionSet}, driver {i.DriverVersion}, {i.MemoryBytes / (1024.0 * 1024 * 1024):0.0} GiB, ILGPU)";
        }
    }

    /// <summary>The device this backend runs on.</summary>
    public ComputeDevice Device => _device;

    /// <inheritdoc />
    public ParameterLayout Layout => _l;

    /// <inheritdoc />
    public long Step { get; private set; }

    /// <inheritdoc />
    public float LearningRate
    {
        get => _adam.LearningRate;
        set => _adam = _adam with { LearningRate = value };
    }

    private ArrayView<float> Params => _block.View.SubView(0, _p);
    private ArrayView<float> Grads => _block.View.SubView(_p, _p);
    private ArrayView<float> M => _block.View.SubView(2L * _p, _p);
    private ArrayView<float> V => _block.View.SubView(3L * _p, _p);

    /// <inheritdoc />
    public void SetParameters(ReadOnlySpan<float> parameters)
    {
        if (parameters.Length != _p) throw new ArgumentException($"expected {_p} parameters, got {parameters.Length}.");
        _block.MemSetToZero();
        Params.CopyFromCPU(parameters.ToArray());
        _lossSum.MemSetToZero();
        _lossCount = 0;
        _ranking?.Reset();
        Step = 0;
        _device.Synchronize();
    }

    /// <inheritdoc />
    public void GetParameters(Span<float> destination) => CopyOut(Params, destination);

    /// <inheritdoc />
    public (double SumSquaredError, long Count) TakeLoss()
    {
        _device.Synchronize();
        var host = new double[1];
        _lossSum.View.CopyToCPU(host);
        _lossSum.MemSetToZero();
        var r = (host[0], _lossCount);
        _lossCount = 0;
        return r;
    }

    /// <inheritdoc />
    public void Synchronize() => _device.Synchronize();

    /// <inheritdoc />
    public (double SumCrossEntropy, long Count) TakeRankingLoss()
    {
        if (_ranking is null) return (0, 0);
        _device.Synchronize();
        return _ranking.Take();
    }

    /// <inheritdoc />
    public void TrainBatch(EpochPlan plan, int batch)
    {
        var b = ComputeGradients(plan, batch);
        Step++;
        var c = new AdamCoefficients((float)_adam.StepSize(Step), _adam.Beta1, _adam.Beta2, _adam.Epsilon);
        _optimizer.Step(Params, Grads, M, V, _adam.Variant, c, b);
        Mark(_adam.Variant == AdamVariant.Dense ? "adam (dense)" : "adam (lazy)");
    }

    void IGradientBackend.ComputeGradients(EpochPlan plan, int batch) => ComputeGradients(plan, batch);

    void IGradientBackend.GetGradients(Span<float> destination) => CopyOut(Grads, destination);

    private DeviceBatch ComputeGradients(EpochPlan plan, int batch)
    {
        ArgumentNullException.ThrowIfNull(plan);
        _workspace.Ensure(plan.BatchSize);
        var b = _epoch.Batch(plan, batch);
        Mark("host: batch set-up");
        _network.Forward(Params, b.Users, b.Items, b.N, b);
        _k.MseLossGrad(_workspace.Y.View, b.Targets, b.N, 2f / b.N, _workspace.DY.View, _lossSum.View);
        _lossCount += b.N;
        Mark("loss");
        // The ranking head writes its slices' gradient rows before the backward pass adds the whole-table L2.
        _ranking?.ForwardBackward(Params, Grads, b, Mark);
        _network.Backward(Params, Grads, b);
        return b;
    }

    /// <inheritdoc />
    public void Predict(ReadOnlySpan<int> users, ReadOnlySpan<int> items, Span<float> output)
    {
        if (users.Length != items.Length || output.Length < users.Length) throw new ArgumentException("users, items and output lengths differ.");
        _workspace.Ensure(Math.Min(PredictChunk, Math.Max(1, users.Length)));
        int chunk = _workspace.Capacity;
        var host = new float[Math.Min(chunk, users.Length)];
        for (int start = 0; start < users.Length; start += chunk)
        {
            int n = Math.Min(chunk, users.Length - start);
            var u = _workspace.PredictUsers.View.SubView(0, n);
            var m = _workspace.PredictItems.View.SubView(0, n);
            u.CopyFromCPU(users.Slice(start, n).ToArray());
            m.CopyFromCPU(items.Slice(start, n).ToArray());
            _network.Forward(Params, u, m, n);
            _device.Synchronize();
            ((ArrayView<float>)_workspace.Y.View).SubView(0, n).CopyToCPU(host.AsSpan(0, n));
            host.AsSpan(0, n).CopyTo(output.Slice(start, n));
        }
    }

    private void CopyOut(ArrayView<float> view, Span<float> destination)
    {
        if (destination.Length != _p) throw new ArgumentException($"expected a buffer of {_p}, got {destination.Length}.");
        _device.Synchronize();
        var host = new float[_p];
        view.CopyToCPU(host);
        host.CopyTo(destination);
    }

    /// <inheritdoc />
    public void Dispose()
    {
        try { _device.Synchronize(); } catch (Exception) when (_ownsDevice) { }
        _memory.Dispose();
        if (_ownsDevice) _device.Dispose();
    }
}
