using ILGPU;
using ILGPU.Runtime;

namespace HybridRec.Kernels;

/// <summary>
/// Every HybridRec kernel loaded once for one accelerator, with typed launch methods.
/// </summary>
/// <remarks>
/// <para>Launch methods compute grid and group sizes (groups never exceed the accelerator's
/// <c>MaxNumThreadsPerGroup</c>, and at most 256 threads), enqueue on the accelerator's default stream and return
/// without synchronising. They check sizes and leading dimensions on the host (O(1); index contents are the
/// caller's responsibility) and throw <see cref="ArgumentException"/> for launches that would run out of range.</para>
/// <para>The split reductions keep their partial sums in scratch buffers owned by this object: grown (after a
/// synchronisation) when a launch needs more, reused otherwise, so steady-state training allocates nothing.
/// Because the scratch is shared, launch only from one thread at a time; work is ordered by the default stream.</para>
/// <para>All matrices are row-major with an explicit leading dimension: row i of a column range starting at
/// <c>offset</c> is at <c>i·ld + offset</c>. <c>n</c> is the number of rows to process; buffers may be longer.</para>
/// <para>Every reduction is deterministic: for a given accelerator and sizes the summation order is fixed; no kernel
/// uses atomics.</para>
/// <para>The launch methods are declared family by family (<c>Families/*/HybridKernels.*.cs</c>); the kernels they
/// enqueue come from <see cref="KernelRegistry"/>, all loaded by the constructor.</para>
/// </remarks>
internal sealed partial class HybridKernels : IDisposable
{
    private readonly Accelerator accelerator;
    private readonly Delegate[] launchers;     // by DeviceKernel.Slot
    private readonly MemoryBuffer1D<float, Stride1D.Dense> placeholderFloat;
    private readonly MemoryBuffer1D<int, Stride1D.Dense> placeholderInt;
    private readonly MemoryBuffer1D<double, Stride1D.Dense> placeholderDouble;
    private MemoryBuffer1D<float, Stride1D.Dense>? scratch;
    private MemoryBuffer1D<double, Stride1D.Dense>? scratchDouble;
    private bool disposed;

    /// <summary>Loads every kernel for <paramref name="accelerator"/> (compiling them once).</summary>
    public HybridKernels(Accelerator accelerator)
    {
        ArgumentNullException.ThrowIfNull(accelerator);
        this.accelerator = accelerator;
        GroupLimit = LargestPowerOfTwoAtMost(Math.Min(ReductionKernels.MaxGroup, accelerator.MaxNumThreadsPerGroup));
        WarpSize = Math.Max(1, accelerator.WarpSize);
        MaxGrid = Math.Max(1, Math.Min(accelerator.MaxGridSize.X, 1 << 24));
        placeholderFloat = accelerator.Allocate1D<float>(1);
        placeholderInt = accelerator.Allocate1D<int>(1);
        placeholderDouble = accelerator.Allocate1D<double>(1);

        // Every registered kernel, compiled once for this accelerator; launches only look their launcher up.
        var kernels = KernelRegistry.DeviceKernels;
        launchers = new Delegate[kernels.Count];
        foreach (var kernel in kernels) launchers[kernel.Slot] = kernel.Load(accelerator);
    }

    /// <summary>The accelerator the kernels are loaded on.</summary>
    public Accelerator Accelerator => accelerator;

    /// <summary>Group size used by the 1-D kernels: the largest power of two ≤ min(256, MaxNumThreadsPerGroup).</summary>
    public int GroupLimit { get; }

    /// <summary>Chunking policy of the split reductions.</summary>
    internal KernelTuning Tuning { get; set; } = KernelTuning.Default;

    /// <summary>Current scratch capacity in floats (for tests of the no-allocation steady state).</summary>
    internal long ScratchCapacity => scratch?.Length ?? 0;

    private int WarpSize { get; }

    private int MaxGrid { get; }

    /// <summary>Frees the scratch buffers. The kernels themselves belong to the accelerator.</summary>
    public void Dispose()
    {
        if (disposed) return;
        disposed = true;
        scratch?.Dispose();
        scratchDouble?.Dispose();
        scratch = null;
        scratchDouble = null;
        placeholderFloat.Dispose();
        placeholderInt.Dispose();
        placeholderDouble.Dispose();
    }

    // ---- launch helpers -----------------------------------------------------------------------------------------

    /// <summary>The launcher of a registered kernel, loaded by the constructor.</summary>
    private TLauncher Launcher<TLauncher>(DeviceKernel<TLauncher> kernel) where TLauncher : Delegate =>
        (TLauncher)launchers[kernel.Slot];

    /// <summary>A 1-D launch of GroupLimit threads per group covering <paramref name="items"/> grid-stride items.</summary>
    private KernelConfig Linear(long items)
    {
        long groups = (items + GroupLimit - 1) / GroupLimit;
        return new KernelConfig((int)Math.Clamp(groups, 1, MaxGrid), GroupLimit);
    }

    /// <summary>Scratch of at least <paramref name="count"/> floats; grows (after a synchronisation) when too small.</summary>
    private ArrayView<float> Scratch(long count)
    {
        ObjectDisposedException.ThrowIf(disposed, this);
        count = Math.Max(1, count);
        if (scratch is null || scratch.Length < count)
        {
            long capacity = Math.Max(count, (scratch?.Length ?? 0) * 2);
            accelerator.Synchronize(); // earlier launches may still read the old buffer
            scratch?.Dispose();
            scratch = null;
            scratch = accelerator.Allocate1D<float>(capacity);
        }
        return scratch.View.SubView(0, count);
    }

    private ArrayView<double> ScratchDouble(long count)
    {
        ObjectDisposedException.ThrowIf(disposed, this);
        count = Math.Max(1, count);
        if (scratchDouble is null || scratchDouble.Length < count)
        {
            long capacity = Math.Max(count, (scratchDouble?.Length ?? 0) * 2);
            accelerator.Synchronize();
            scratchDouble?.Dispose();
            scratchDouble = null;
            scratchDouble = accelerator.Allocate1D<double>(capacity);
        }
        return scratchDouble.View.SubView(0, count);
    }

    // Kernels never read an argument they do not need, but empty views (no buffer behind them) are replaced by a
    // one-element placeholder so that no launch marshals a null device pointer.
    private ArrayView<float> Arg(ArrayView<float> view) => view.Length > 0 ? view : placeholderFloat.View;

    private ArrayView<int> Arg(ArrayView<int> view) => view.Length > 0 ? view : placeholderInt.View;

    private ArrayView<double> Arg(ArrayView<double> view) => view.Length > 0 ? view : placeholderDouble.View;

    private void ThrowIfDisposed() => ObjectDisposedException.ThrowIf(disposed, this);

    private static int LargestPowerOfTwoAtMost(int value)
    {
        int p = 1;
        while (p * 2 <= value) p *= 2;
        return p;
    }

    private static int SmallestPowerOfTwoAtLeast(int value)
    {
        int p = 1;
        while (p < value) p *= 2;
        return p;
    }
}
