using HybridRec.Model.Backends;
using HybridRec.Model.Tests.TestData;
using HybridRec.Model.Training;

namespace HybridRec.Model.Tests.Training;

/// <summary>On a device backend all members of a training run share one device; on the CPU each gets its own backend.</summary>
[Trait("Category", "Kernels")]
public sealed class BackendProviderTests
{
    [Fact]
    public void DeviceBackendsShareOneDeviceDisposedWithTheProvider()
    {
        var data = SyntheticDataset.Create(users: 6, movies: 8, ratingsPerUser: 4);
        var setup = BackendSetup.Create(data, TestOptions.Model with { EmbeddingSize = 2 }, new AdamOptions(), 0f);
        IlgpuBackend first, second;
        using (var provider = new BackendProvider(BackendKind.IlgpuCpu))
        {
            first = (IlgpuBackend)provider.Create(setup);
            second = (IlgpuBackend)provider.Create(setup);
            Assert.Same(first.Device, second.Device);
            first.Dispose();
            second.Dispose();
            Assert.False(first.Device.Accelerator.IsDisposed);   // members do not own the shared device
        }
        Assert.True(first.Device.Accelerator.IsDisposed);

        using var cpu = new BackendProvider(BackendKind.Cpu);
        using var a = cpu.Create(setup);
        using var b = cpu.Create(setup);
        Assert.IsType<CpuBackend>(a);
        Assert.NotSame(a, b);
    }
}
