using FsCheck;
using FsCheck.Fluent;
using HybridRec.Kernels;

namespace HybridRec.Kernels.Tests;

/// <summary>
/// One FsCheck property per kernel: for random shapes and values (drawn from an FsCheck-generated seed by the same
/// generators the self-test uses), the kernel matches its CPU twin within <see cref="KernelCheck"/> tolerances. The
/// same bodies run on every device; concrete subclasses pick the device.
/// </summary>
public abstract class KernelProperties(DeviceFixture fixture)
{
    [Fact] public void GatherRows() => Check(nameof(HybridKernels.GatherRows));
    [Fact] public void SegmentSumRows() => Check(nameof(HybridKernels.SegmentSumRows));
    [Fact] public void SegmentSumCompact() => Check(nameof(HybridKernels.SegmentSumCompact));
    [Fact] public void ScatterAddRowsAtomic() => Check(nameof(HybridKernels.ScatterAddRowsAtomic));
    [Fact] public void DenseForward() => Check(nameof(HybridKernels.DenseForward));
    [Fact] public void DenseBackwardInput() => Check(nameof(HybridKernels.DenseBackwardInput));
    [Fact] public void DenseBackwardWeights() => Check(nameof(HybridKernels.DenseBackwardWeights));
    [Fact] public void ReluBackward() => Check(nameof(HybridKernels.ReluBackward));
    [Fact] public void BagForward() => Check(nameof(HybridKernels.BagForward));
    [Fact] public void BagBackward() => Check(nameof(HybridKernels.BagBackward));
    [Fact] public void ColumnSums() => Check(nameof(HybridKernels.ColumnSums));
    [Fact] public void WeightedColumnSums() => Check(nameof(HybridKernels.WeightedColumnSums));
    [Fact] public void OutputBackward() => Check(nameof(HybridKernels.OutputBackward));
    [Fact] public void DotForward() => Check(nameof(HybridKernels.DotForward));
    [Fact] public void DotBackward() => Check(nameof(HybridKernels.DotBackward));
    [Fact] public void OutputForward() => Check(nameof(HybridKernels.OutputForward));
    [Fact] public void MseLossGrad() => Check(nameof(HybridKernels.MseLossGrad));
    [Fact] public void AdamDense() => Check(nameof(HybridKernels.AdamDense));
    [Fact] public void AdamRows() => Check(nameof(HybridKernels.AdamRows));
    [Fact] public void AddScaled() => Check(nameof(HybridKernels.AddScaled));

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
        var spec = KernelCaseCatalog.Get(kernel);
        var size = fixture.Size;
        var property = Prop.ForAll(Arb.From(Gen.Choose(0, int.MaxValue)), (int seed) =>
        {
            var kernelCase = spec.Draw(new Random(seed), size, seed);
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
