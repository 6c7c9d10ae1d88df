using System.Reflection;
using HybridRec.Kernels;
using ILGPU;
using ILGPU.Runtime;

namespace HybridRec.Kernels.Tests;

/// <summary>Loading once, no allocation in steady state, argument checks, determinism and empty inputs.</summary>
[Trait("Category", "Kernels")]
public sealed class HybridKernelsTests(CpuDeviceFixture fixture) : IClassFixture<CpuDeviceFixture>
{
    private ComputeDevice Device => fixture.RequireDevice();

    [Fact]
    public void EveryRegisteredKernelIsLoadedInTheConstructorWithItsLauncherType()
    {
        var launchers = Launchers(Device.Kernels);
        Assert.Equal(KernelRegistry.DeviceKernels.Count, launchers.Length);
        Assert.All(KernelRegistry.DeviceKernels, kernel =>
        {
            // DeviceKernel<TLauncher>: the constructor must have stored a TLauncher in the kernel's slot.
            var launcherType = kernel.GetType().BaseType!.GetGenericArguments().Single();
            Assert.IsType(launcherType, launchers[kernel.Slot], exactMatch: true);
        });
    }

    [Fact]
    public void LaunchingAgainLoadsNothingAndAllocatesNothing()
    {
        var k = Device.Kernels;
        using var x = Device.Accelerator.Allocate1D<float>(300 * 8);
        using var dw = Device.Accelerator.Allocate1D<float>(3 * 8);
        using var db = Device.Accelerator.Allocate1D<float>(3);
        x.MemSetToZero();
        k.DenseBackwardWeights(x.View, 8, 0, x.View, 8, 3, 300, 3, 5, dw.View.SubView(0, 15), db.View);
        Device.Synchronize();
        var loaded = Launchers(k).ToArray();
        long scratch = k.ScratchCapacity;
        for (int i = 0; i < 3; i++)
            k.DenseBackwardWeights(x.View, 8, 0, x.View, 8, 3, 300, 3, 5, dw.View.SubView(0, 15), db.View);
        Device.Synchronize();
        Assert.Equal(loaded, Launchers(k), ReferenceEqualityComparer.Instance);
        Assert.Equal(scratch, k.ScratchCapacity);
    }

    private static Delegate[] Launchers(HybridKernels kernels) =>
        (Delegate[])typeof(HybridKernels).GetField("launchers", BindingFlags.Instance | BindingFlags.NonPublic)!.GetValue(kernels)!;

    [Fact]
    public void SplitReductionsAreBitReproducible()
    {
        var acc = Device.Accelerator;
        var k = Device.Kernels;
        var rng = new Random(3);
        const int n = 75, outDim = 6, inDim = 9;
        using var dy = acc.Allocate1D(Draw.Floats(rng, n * outDim));
        using var x = acc.Allocate1D(Draw.Floats(rng, n * inDim));
        var (offsets, indices) = Draw.Features(rng, 40, 30, 5);
        using var dOffsets = acc.Allocate1D(offsets);
        using var dIndices = acc.Allocate1D(indices);
        using var rows = acc.Allocate1D(Enumerable.Range(0, 40).Where(m => m % 3 != 0).ToArray());

        (float[] Floats, double Loss) Run()
        {
            using var dw = acc.Allocate1D<float>(outDim * inDim);
            using var db = acc.Allocate1D<float>(outDim);
            using var cols = acc.Allocate1D<float>(inDim);
            using var bag = acc.Allocate1D<float>(30 * outDim);
            using var loss = acc.Allocate1D(new double[] { 0.25 });
            using var grad = acc.Allocate1D<float>(n);
            k.DenseBackwardWeights(dy.View, outDim, 0, x.View, inDim, 0, n, outDim, inDim, dw.View, db.View);
            k.ColumnSums(x.View, inDim, 0, inDim, n, cols.View);
            k.BagBackward(dy.View, outDim, 0, outDim, rows.View, (int)rows.Length, dOffsets.View, dIndices.View, 30, bag.View);
            k.MseLossGrad(x.View.SubView(0, n), dy.View.SubView(0, n), n, 0.5f, grad.View, loss.View);
            Device.Synchronize();
            float[] floats = [.. dw.GetAsArray1D(), .. db.GetAsArray1D(), .. cols.GetAsArray1D(), .. bag.GetAsArray1D(), .. grad.GetAsArray1D()];
            return (floats, loss.GetAsArray1D()[0]);
        }

        var first = Run();
        var second = Run();
        Assert.Equal(first.Floats.Select(BitConverter.SingleToInt32Bits), second.Floats.Select(BitConverter.SingleToInt32Bits));
        Assert.Equal(BitConverter.DoubleToInt64Bits(first.Loss), BitConverter.DoubleToInt64Bits(second.Loss));
    }

    [Fact]
    public void RangeErrorsAreReportedOnTheHost()
    {
        var k = Device.Kernels;
        using var table = Device.Accelerator.Allocate1D<float>(20);
        using var idx = Device.Accelerator.Allocate1D<int>(4);
        using var output = Device.Accelerator.Allocate1D<float>(10);
        // 4 rows of width 5 need 20 elements; the output has 10.
        var ex = Assert.Throws<ArgumentException>(() => k.GatherRows(table.View, 5, idx.View, 4, output.View, 5, 0));
        Assert.Contains("output", ex.Message, StringComparison.Ordinal);
        // columns [3, 8) do not fit a row of 5
        Assert.Throws<ArgumentException>(() => k.GatherRows(table.View, 5, idx.View, 1, output.View, 5, 3));
        Assert.Throws<ArgumentOutOfRangeException>(() => k.GatherRows(table.View, 0, idx.View, 1, output.View, 5, 0));
        Assert.Throws<ArgumentOutOfRangeException>(() => k.ColumnSums(table.View, 5, 0, 5, -1, output.View));
        Assert.Throws<ArgumentException>(() => k.AdamDense(table.View, output.View, table.View, table.View, default));
    }

    [Fact]
    public void EmptyInputsOverwriteWithZerosOrDoNothing()
    {
        var k = Device.Kernels;
        var acc = Device.Accelerator;
        using var dw = acc.Allocate1D(new float[] { 1, 2, 3, 4, 5, 6 });
        using var db = acc.Allocate1D(new float[] { 7, 8 });
        using var any = acc.Allocate1D<float>(1);
        k.DenseBackwardWeights(any.View, 2, 0, any.View, 3, 0, 0, 2, 3, dw.View, db.View); // n = 0: Σ over nothing
        using var col = acc.Allocate1D(new float[] { 9, 9 });
        k.ColumnSums(any.View, 2, 0, 2, 0, col.View);
        using var bag = acc.Allocate1D(new float[] { 5, 5, 5, 5 });
        using var offsets = acc.Allocate1D(new int[] { 0, 0 });
        using var rows = acc.Allocate1D(new int[] { 0 });
        k.BagBackward(any.View, 2, 0, 2, rows.View, 0, offsets.View, ArrayView<int>.Empty, 2, bag.View); // no movies
        using var loss = acc.Allocate1D(new double[] { 3.5 });
        k.MseLossGrad(any.View, any.View, 0, 1f, any.View, loss.View);
        k.BagBackward(any.View, 2, 0, 2, rows.View, 0, offsets.View, ArrayView<int>.Empty, 0, ArrayView<float>.Empty); // featureCount 0
        Device.Synchronize();
        Assert.Equal(new float[6], dw.GetAsArray1D());
        Assert.Equal(new float[2], db.GetAsArray1D());
        Assert.Equal(new float[2], col.GetAsArray1D());
        Assert.Equal(new float[4], bag.GetAsArray1D());
        Assert.Equal(3.5, loss.GetAsArray1D()[0]);
    }
}

/// <summary>The GPU timing harness runs every registered benchmark end to end (tiny sizes, CPU accelerator).</summary>
[Trait("Category", "Kernels")]
public sealed class KernelTimingsTests(CpuDeviceFixture fixture, ITestOutputHelper output) : IClassFixture<CpuDeviceFixture>
{
    [Fact]
    public void TimingHarnessRunsEveryBenchmark()
    {
        var text = KernelTimings.Run(fixture.RequireDevice(), batch: 300, userCount: 40, movieCount: 30, repeats: 1);
        output.WriteLine(text);
        var lines = text.Split('\n');
        Assert.All(KernelRegistry.Benchmarks, b => Assert.Contains(lines, l => l.StartsWith(b.Label + " ", StringComparison.Ordinal)));
    }
}
