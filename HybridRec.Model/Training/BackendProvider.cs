using HybridRec.Kernels;
using HybridRec.Model.Backends;

namespace HybridRec.Model.Training;

/// <summary>
/// Creates the backends of a training run's members. On a device backend every member runs on one
/// <see cref="ComputeDevice"/>, created (and its kernels compiled) on first use and disposed with the provider;
/// on the managed CPU backend each member gets its own <see cref="CpuBackend"/>. Thread-safe.
/// </summary>
internal sealed class BackendProvider(BackendKind kind) : IDisposable
{
    private readonly Lock _gate = new();
    private ComputeDevice? _device;

    /// <summary>A backend for one member; the caller disposes it (the shared device stays).</summary>
    public IModelBackend Create(BackendSetup setup) => kind switch
    {
        BackendKind.Cpu => new CpuBackend(setup),
        BackendKind.Auto => ComputeDevice.IsCudaAvailable ? new IlgpuBackend(setup, Device(DeviceKind.Cuda)) : new CpuBackend(setup),
        BackendKind.Cuda => new IlgpuBackend(setup, Device(DeviceKind.Cuda)),
        BackendKind.OpenCL => new IlgpuBackend(setup, Device(DeviceKind.OpenCL)),
        BackendKind.IlgpuCpu => new IlgpuBackend(setup, Device(DeviceKind.IlgpuCpu)),
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, "unknown backend."),
    };

    private ComputeDevice Device(DeviceKind deviceKind)
    {
        lock (_gate) return _device ??= ComputeDevice.Create(deviceKind);
    }

    public void Dispose()
    {
        lock (_gate)
        {
            _device?.Dispose();
            _device = null;
        }
    }
}
