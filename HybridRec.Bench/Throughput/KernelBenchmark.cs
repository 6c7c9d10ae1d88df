using BenchmarkDotNet.Attributes;
using HybridRec.Data;
using HybridRec.Kernels;
using ILGPU;
using ILGPU.Runtime;

namespace HybridRec.Bench.Throughput;

/// <summary>
/// Micro-benchmarks of the kernels at the default model's shapes (E = 50, widths 25, 20 genres, 64 tags) on
/// random data: one launch per invocation, synchronised inside the measured region. Includes the atomic
/// scatter-add next to the deterministic segment sum it is compared with.
/// </summary>
public class KernelBenchmark
{
    private const int E = 50, H = 25, Genres = 20, Tags = 64, K = 1 + 3 * H;
    private ComputeDevice? _device;
    private HybridKernels? _k;
    private readonly List<IDisposable> _buffers = [];
    private MemoryBuffer1D<float, Stride1D.Dense> _table = null!, _x = null!, _w = null!, _b = null!, _y = null!, _dy = null!, _dw = null!, _dx = null!, _grad = null!, _m = null!, _v = null!, _rows = null!, _c = null!;
    private MemoryBuffer1D<int, Stride1D.Dense> _idx = null!, _segRows = null!, _segOffsets = null!, _segSamples = null!, _featOffsets = null!, _featIndices = null!;
    private MemoryBuffer1D<double, Stride1D.Dense> _loss = null!;
    private int _segCount;
    private int _tableRows;

    /// <summary>Batch sizes to time.</summary>
    public static IEnumerable<int> BatchSizes => ThroughputContext.KernelBatchSizes;

    /// <summary>ILGPU backends to time.</summary>
    public static IEnumerable<string> Backends => ThroughputContext.KernelBackends;

    /// <summary>Rows (samples) per launch.</summary>
    [ParamsSource(nameof(BatchSizes))]
    public int BatchSize { get; set; } = 1024;

    /// <summary>The device.</summary>
    [ParamsSource(nameof(Backends))]
    public string Backend { get; set; } = "ilgpu-cpu";

    internal static void Configure(int[] sizes, string[] backends)
    {
        ThroughputContext.KernelBatchSizes = sizes;
        ThroughputContext.KernelBackends = backends.Where(b => b is "cuda" or "opencl" or "ilgpu-cpu").ToArray();
    }

    /// <summary>Allocates and fills the buffers.</summary>
    [GlobalSetup]
    public void Setup()
    {
        _device = ComputeDevice.Create(Backend switch { "cuda" => DeviceKind.Cuda, "opencl" => DeviceKind.OpenCL, _ => DeviceKind.IlgpuCpu });
        _k = _device.Kernels;
        var rng = new SeededRandom(1);
        int n = BatchSize;
        _tableRows = Math.Max(1000, n / 8);
        _table = Floats(_tableRows * E, rng);
        _x = Floats(n * 2 * E, rng);
        _w = Floats(H * 2 * E, rng);
        _b = Floats(H, rng);
        _y = Floats(n * K, rng);
        _c = Floats(n * K, rng);
        _dy = Floats(n * K, rng);
        _dw = Floats(Math.Max(H * 2 * E, Tags * H), rng);
        _dx = Floats(n * 2 * E, rng);
        _grad = Floats(_tableRows * E, rng);
        _m = Floats(_tableRows * E, rng);
        _v = Floats(_tableRows * E, rng, positive: true);
        _rows = Floats(n, rng);
        _loss = Own(_device.Accelerator.Allocate1D<double>(1));
        var idx = Enumerable.Range(0, n).Select(_ => rng.NextInt(_tableRows)).ToArray();
        _idx = Ints(idx);
        // Segments of the indices, as the epoch plan builds them.
        var order = Enumerable.Range(0, n).OrderBy(i => idx[i]).ThenBy(i => i).ToArray();
        var rows = new List<int>();
        var offsets = new List<int>();
        for (int s = 0; s < n; s++)
            if (s == 0 || idx[order[s]] != idx[order[s - 1]]) { rows.Add(idx[order[s]]); offsets.Add(s); }
        offsets.Add(n);
        _segCount = rows.Count;
        _segRows = Ints(rows.ToArray());
        _segOffsets = Ints(offsets.ToArray());
        _segSamples = Ints(order);
        var fo = new int[_tableRows + 1];
        var fi = new List<int>();
        for (int m = 0; m < _tableRows; m++) { int c = rng.NextInt(4); for (int j = 0; j < c; j++) fi.Add((m * 7 + j * 13) % Tags); fo[m + 1] = fi.Count; }
        _featOffsets = Ints(fo);
        _featIndices = Ints(fi.Select((v, i) => v).ToArray());
        _device.Synchronize();
    }

    private MemoryBuffer1D<float, Stride1D.Dense> Floats(int count, SeededRandom rng, bool positive = false)
    {
        var a = new float[Math.Max(1, count)];
        for (int i = 0; i < a.Length; i++) a[i] = positive ? rng.NextSingle() * 1e-3f : rng.NextSingle() - 0.5f;
        var buffer = Own(_device!.Accelerator.Allocate1D(a));
        return buffer;
    }

    private MemoryBuffer1D<int, Stride1D.Dense> Ints(int[] a) => Own(_device!.Accelerator.Allocate1D(a.Length == 0 ? [0] : a));

    private T Own<T>(T b) where T : IDisposable { _buffers.Add(b); return b; }

    /// <summary>Gathers (n, E) embedding rows.</summary>
    [Benchmark] public void GatherRows() { _k!.GatherRows(_table.View, E, _idx.View, BatchSize, _x.View, 2 * E, 0); _device!.Synchronize(); }

    /// <summary>Deterministic scatter of (n, E) row gradients by segments.</summary>
    [Benchmark] public void SegmentSumRows() { _k!.SegmentSumRows(_dx.View, 2 * E, 0, E, _segRows.View, _segOffsets.View, _segSamples.View, _segCount, _grad.View, _table.View, 0f); _device!.Synchronize(); }

    /// <summary>The same scatter with atomics (not bit-reproducible).</summary>
    [Benchmark] public void ScatterAddRowsAtomic() { _k!.ScatterAddRowsAtomic(_dx.View, 2 * E, 0, E, _idx.View, BatchSize, _grad.View); _device!.Synchronize(); }

    /// <summary>Neural branch Dense (n, 2E) → (n, H) with ReLU.</summary>
    [Benchmark] public void DenseForward() { _k!.DenseForward(_x.View, 2 * E, BatchSize, 2 * E, _w.View, _b.View, H, _y.View, K, 1, true); _device!.Synchronize(); }

    /// <summary>dX = dY·W.</summary>
    [Benchmark] public void DenseBackwardInput() { _k!.DenseBackwardInput(_dy.View, K, 1, BatchSize, H, _w.View, 2 * E, 0, 2 * E, _dx.View, 2 * E, 0); _device!.Synchronize(); }

    /// <summary>dW = dYᵀ·X and db.</summary>
    [Benchmark] public void DenseBackwardWeights() { _k!.DenseBackwardWeights(_dy.View, K, 1, _x.View, 2 * E, 0, BatchSize, H, 2 * E, _dw.View.SubView(0, H * 2 * E), _b.View); _device!.Synchronize(); }

    /// <summary>Tag tower forward as an embedding bag.</summary>
    [Benchmark] public void BagForward() { _k!.BagForward(_dw.View.SubView(0, Tags * H), _b.View, H, _featOffsets.View, _featIndices.View, _idx.View, BatchSize, _y.View, K, 1 + 2 * H, true); _device!.Synchronize(); }

    /// <summary>Tag tower weight gradient over the batch's distinct rows.</summary>
    [Benchmark] public void BagBackward() { _k!.BagBackward(_dy.View, K, 1, H, _segRows.View, _segCount, _featOffsets.View, _featIndices.View, Tags, _dw.View.SubView(0, Tags * H)); _device!.Synchronize(); }

    /// <summary>Collaborative dot product.</summary>
    [Benchmark] public void DotForward() { _k!.DotForward(_table.View, _table.View, E, _idx.View, _idx.View, BatchSize, _c.View, K, 0); _device!.Synchronize(); }

    /// <summary>Loss and its gradient.</summary>
    [Benchmark] public void MseLossGrad() { _k!.MseLossGrad(_rows.View, _rows.View, BatchSize, 1f / BatchSize, _dy.View.SubView(0, BatchSize), _loss.View); _device!.Synchronize(); }

    /// <summary>Dense Adam over an embedding table of max(1000, n/8) rows.</summary>
    [Benchmark] public void AdamDense() { _k!.AdamDense(_table.View, _grad.View, _m.View, _v.View, AdamCoefficients.ForStep(10, 1e-3f, 0.9f, 0.999f, 1e-7f)); _device!.Synchronize(); }

    /// <summary>Lazy Adam over the batch's distinct rows.</summary>
    [Benchmark] public void AdamRows() { _k!.AdamRows(_table.View, _grad.View, _m.View, _v.View, E, _segRows.View, _segCount, AdamCoefficients.ForStep(10, 1e-3f, 0.9f, 0.999f, 1e-7f)); _device!.Synchronize(); }

    /// <summary>Frees the buffers and the device.</summary>
    [GlobalCleanup]
    public void Cleanup()
    {
        foreach (var b in _buffers) b.Dispose();
        _buffers.Clear();
        _device?.Dispose();
        _device = null;
    }
}
