using HybridRec.Kernels;

namespace HybridRec.Kernels.Tests;

/// <summary>A device shared by one test class, or the reason there is none.</summary>
public abstract class DeviceFixture : IDisposable
{
    /// <summary>The device, or null when unavailable.</summary>
    internal ComputeDevice? Device { get; }

    /// <summary>Why <see cref="Device"/> is null.</summary>
    internal string? Unavailable { get; }

    /// <summary>Size class of the property cases for this device.</summary>
    internal abstract CaseSize Size { get; }

    /// <summary>Number of cases per property.</summary>
    internal abstract int Cases { get; }

    protected DeviceFixture(DeviceKind kind, bool probeCuda)
    {
        if (probeCuda && !ComputeDevice.IsCudaAvailable)
        {
            Unavailable = "no CUDA device: ComputeDevice.IsCudaAvailable is false (no NVIDIA driver / libcuda.so.1, or no GPU ILGPU supports)";
            return;
        }
        try
        {
            Device = ComputeDevice.Create(kind);
        }
        catch (DeviceUnavailableException ex)
        {
            Unavailable = $"no {kind} device: {ex.Message}";
        }
    }

    /// <summary>The device, or skips the calling test.</summary>
    internal ComputeDevice RequireDevice()
    {
        if (Device is null) Assert.Skip(Unavailable ?? "device unavailable");
        return Device!;
    }

    public void Dispose()
    {
        Device?.Dispose();
        GC.SuppressFinalize(this);
    }
}

/// <summary>
/// The ILGPU CPU accelerator (16 threads per group, warp 4), with chunk sizes lowered so that the split reductions
/// run several chunks even on tiny inputs.
/// </summary>
public sealed class CpuDeviceFixture : DeviceFixture
{
    public CpuDeviceFixture() : base(DeviceKind.IlgpuCpu, probeCuda: false)
    {
        Device!.Kernels.Tuning = new KernelTuning { MinChunkRows = 8, MaxChunks = 4, MinChunkMovies = 2 };
    }

    internal override CaseSize Size => CaseSize.Tiny;

    internal override int Cases => 20;
}

/// <summary>The first CUDA GPU (default tuning, small and awkward shapes), or a skip reason.</summary>
public sealed class CudaDeviceFixture : DeviceFixture
{
    public CudaDeviceFixture() : base(DeviceKind.Cuda, probeCuda: true) { }

    internal override CaseSize Size => CaseSize.Small;

    internal override int Cases => 25;
}
