using HybridRec.Kernels;
using ILGPU.Runtime;

namespace HybridRec.Kernels.Tests;

/// <summary>Creating devices, describing them, and the errors when a kind is missing.</summary>
[Trait("Category", "Kernels")]
public sealed class DeviceTests(ITestOutputHelper output)
{
    [Fact]
    public void IlgpuCpuDeviceReportsSensibleInfo()
    {
        using var device = ComputeDevice.Create(DeviceKind.IlgpuCpu);
        output.WriteLine(device.ToString());
        Assert.Equal(DeviceKind.IlgpuCpu, device.Kind);
        Assert.Equal(AcceleratorType.CPU, device.Accelerator.AcceleratorType);
        var info = device.Info;
        Assert.Equal("CPU", info.Type);
        Assert.False(string.IsNullOrWhiteSpace(info.Name));
        Assert.Equal("n/a", info.Architecture);
        Assert.Equal("n/a", info.InstructionSet);
        Assert.Equal("n/a", info.DriverVersion);
        Assert.True(info.MemoryBytes > 0 && info.MemoryBytes < long.MaxValue);
        Assert.True(info.Multiprocessors >= 1);
        Assert.Equal(device.Accelerator.MaxNumThreadsPerGroup, info.MaxThreadsPerGroup);
        Assert.Equal(device.Accelerator.WarpSize, info.WarpSize);
        Assert.True(info.MaxSharedMemoryPerGroup > 0);
        Assert.True(device.Kernels.GroupLimit <= info.MaxThreadsPerGroup);
        device.Synchronize();
    }

    [Fact]
    public void IsCudaAvailableNeverThrowsAndAgreesWithCreate()
    {
        bool available = ComputeDevice.IsCudaAvailable; // must not throw, with or without libcuda
        output.WriteLine($"IsCudaAvailable = {available}");
        if (available)
        {
            using var device = ComputeDevice.Create(DeviceKind.Cuda);
            Assert.Equal(DeviceKind.Cuda, device.Kind);
            return;
        }
        var ex = Assert.Throws<DeviceUnavailableException>(() => ComputeDevice.Create(DeviceKind.Cuda));
        output.WriteLine(ex.Message);
        Assert.Equal(DeviceKind.Cuda, ex.Requested);
        Assert.Contains("Cuda", ex.Message, StringComparison.Ordinal);      // what was requested
        Assert.Contains("Devices found", ex.Message, StringComparison.Ordinal);
        Assert.Contains("CPU", ex.Message, StringComparison.Ordinal);       // which devices exist
        Assert.Contains("libcuda", ex.Message, StringComparison.Ordinal);   // why: the driver library
        Assert.Contains(ex.Found, d => d.Type == "CPU");
    }

    [Fact]
    public void AutoPicksTheBestAvailableKind()
    {
        using var device = ComputeDevice.Create();
        Assert.NotEqual(DeviceKind.Auto, device.Kind);
        if (ComputeDevice.IsCudaAvailable) Assert.Equal(DeviceKind.Cuda, device.Kind);
        Assert.Equal(device.Kind, device.Info.Type switch { "Cuda" => DeviceKind.Cuda, "OpenCL" => DeviceKind.OpenCL, _ => DeviceKind.IlgpuCpu });
    }

    [Fact]
    public void ListIncludesTheCpuAccelerator()
    {
        var devices = ComputeDevice.List();
        foreach (var d in devices) output.WriteLine(d.ToString());
        Assert.Contains(devices, d => d.Type == "CPU");
        Assert.Equal(ComputeDevice.IsCudaAvailable, devices.Any(d => d.Type == "Cuda"));
    }

    [Fact]
    public void DisposeIsIdempotentAndReleasesTheDevice()
    {
        var device = ComputeDevice.Create(DeviceKind.IlgpuCpu);
        device.Dispose();
        device.Dispose();
        Assert.Throws<ObjectDisposedException>(device.Synchronize);
    }

    [Fact]
    public void MissingOpenClIsReportedWithTheDevicesFound()
    {
        if (ComputeDevice.List().Any(d => d.Type == "OpenCL")) Assert.Skip("an OpenCL device is present");
        var ex = Assert.Throws<DeviceUnavailableException>(() => ComputeDevice.Create(DeviceKind.OpenCL));
        output.WriteLine(ex.Message);
        Assert.Contains("'OpenCL'", ex.Message, StringComparison.Ordinal);
        Assert.Contains("Devices found", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void UnknownKindIsRejected() =>
        Assert.Throws<ArgumentOutOfRangeException>(() => ComputeDevice.Create((DeviceKind)42));
}

/// <summary>What ILGPU reports for the CUDA device (architecture, PTX ISA, driver); skipped without one.</summary>
[Trait("Category", "Cuda")]
public sealed class CudaDeviceTests(ITestOutputHelper output)
{
    [Fact]
    public void CudaDeviceReportsArchitectureAndDriver()
    {
        if (!ComputeDevice.IsCudaAvailable) Assert.Skip("no CUDA device: ComputeDevice.IsCudaAvailable is false");
        using var device = ComputeDevice.Create(DeviceKind.Cuda);
        output.WriteLine(device.ToString());
        Assert.Equal("Cuda", device.Info.Type);
        Assert.StartsWith("SM_", device.Info.Architecture, StringComparison.Ordinal);
        Assert.NotEqual("n/a", device.Info.InstructionSet);
        Assert.NotEqual("n/a", device.Info.DriverVersion);
        Assert.Equal(32, device.Info.WarpSize);
        Assert.Equal(256, device.Kernels.GroupLimit);
    }
}
