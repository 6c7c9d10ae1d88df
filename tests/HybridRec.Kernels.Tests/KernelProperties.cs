using FsCheck;
using FsCheck.Fluent;
using HybridRec.Kernels;

namespace HybridRec.Kernels.Tests;

/// <summary>
/// One FsCheck property per launch method of <see cref="KernelRegistry"/>: for random shapes and values (drawn from an
/// FsCheck-generated seed by the registry entry's case generator, the one the self-test uses), the kernel matches its
/// CPU twin within <see cref="KernelCheck"/> tolerances. The same bodies run on every device; concrete subclasses pick
/// the device.
/// </summary>
public abstract class KernelProperties(DeviceFixture fixture)
{
    /// <summary>Every launch method of the registry, by name.</summary>
    public static TheoryData<string> LaunchMethods => [.. KernelRegistry.Launches.Select(l => l.Name)];

    /// <summary>The launch method matches its CPU twin on the entry's random cases.</summary>
    [Theory]
    [MemberData(nameof(LaunchMethods))]
    public void MatchesItsTwin(string launchMethod) => Check(launchMethod);

    /// <summary>BagBackward's shared-memory and global-memory variants on the same vocabulary (F·hDim = 400·25).</summary>
    [Fact]
    public void BagBackwardBothVariants()
    {
        var device = fixture.RequireDevice();
        var saved = device.Kernels.Tuning;
        try
        {
            foreach (int sharedLimit in new[] { BagKernels.SharedTableFloats, 0 })
            {
                device.Kernels.Tuning = saved with { MaxSharedBagFloats = sharedLimit };
                foreach (var (features, hDim) in new[] { (20, 25), (400, 25), (7, 1) })
                {
                    var c = new BagBackwardCase(Seed: 17 + features, Movies: 50, Features: features, MaxPerMovie: 6, HDim: hDim, RowCount: 37, LdDh: hDim + 3, DhOffset: 2);
                    var result = c.Run(device);
                    Assert.True(result.Passed, $"shared limit {sharedLimit}: {c}{Environment.NewLine}{result}");
                }
            }
        }
        finally
        {
            device.Kernels.Tuning = saved;
        }
    }

    private void Check(string kernel)
    {
        var device = fixture.RequireDevice();
        var launch = KernelRegistry.Launch(kernel);
        var size = fixture.Size;
        var property = Prop.ForAll(Arb.From(Gen.Choose(0, int.MaxValue)), (int seed) =>
        {
            var kernelCase = launch.Draw(new Random(seed), size, seed);
            var result = kernelCase.Run(device);
            Assert.True(result.Passed, $"{kernelCase}{Environment.NewLine}{result}");
        });
        // A fixed replay seed per kernel: every run checks the same cases, so CI cannot flake on a rare draw.
        ulong replay = 0x5EED;
        foreach (char ch in kernel) replay = replay * 31 + ch;
        property.Check(Config.QuickThrowOnFailure.WithMaxTest(fixture.Cases).WithQuietOnSuccess(true)
            .WithReplay(Microsoft.FSharp.Core.FSharpOption<Replay>.Some(new Replay(new Rnd(replay), Microsoft.FSharp.Core.FSharpOption<int>.None))));
    }
}

/// <summary>The kernel properties on the ILGPU CPU accelerator (tiny shapes).</summary>
[Trait("Category", "Kernels")]
public sealed class CpuKernelProperties(CpuDeviceFixture fixture) : KernelProperties(fixture), IClassFixture<CpuDeviceFixture>;

/// <summary>The kernel properties on the first CUDA GPU (skipped, not passed, without one).</summary>
[Trait("Category", "Cuda")]
public sealed class CudaKernelProperties(CudaDeviceFixture fixture) : KernelProperties(fixture), IClassFixture<CudaDeviceFixture>;
