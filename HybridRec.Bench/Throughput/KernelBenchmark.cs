using BenchmarkDotNet.Attributes;
using HybridRec.Kernels;

namespace HybridRec.Bench.Throughput;

/// <summary>
/// Micro-benchmarks of every kernel launch the kernel registry lists (<c>KernelRegistry.Benchmarks</c>: one or more
/// per launch method of <see cref="HybridKernels"/>, e.g. the genre and the tag tower), at the model's shapes
/// (E = 50, widths 25, 20 genres, 1000 tags) on random data: one launch per invocation, synchronised inside the
/// measured region. A kernel added to the registry is benchmarked here without further edits.
/// </summary>
public class KernelBenchmark
{
    // One device per backend and one workload at a time for the whole run (compiling the kernels and filling the
    // buffers once, not once per kernel); freed by Release.
    private static readonly Dictionary<string, ComputeDevice> Devices = [];
    private static (string Backend, int BatchSize, KernelWorkload Workload)? _shared;
    private ComputeDevice? _device;
    private Action? _launch;

    /// <summary>Labels of the registry's kernel benchmarks.</summary>
    public static IEnumerable<string> Kernels => KernelRegistry.Benchmarks.Select(b => b.Label);

    /// <summary>Batch sizes to time.</summary>
    public static IEnumerable<int> BatchSizes => ThroughputContext.KernelBatchSizes;

    /// <summary>ILGPU backends to time.</summary>
    public static IEnumerable<string> Backends => ThroughputContext.KernelBackends;

    /// <summary>The timed launch (a kernel benchmark label).</summary>
    [ParamsSource(nameof(Kernels))]
    public string Kernel { get; set; } = "GatherRows";

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

    /// <summary>Frees the workload and the devices of the run.</summary>
    internal static void Release()
    {
        _shared?.Workload.Dispose();
        _shared = null;
        foreach (var device in Devices.Values) device.Dispose();
        Devices.Clear();
    }

    /// <summary>Binds the launch to a model-shaped workload of the batch size (users B/5, movies B/16, at least 1000 each).</summary>
    [GlobalSetup]
    public void Setup()
    {
        if (!Devices.TryGetValue(Backend, out var device))
        {
            device = ComputeDevice.Create(Backend switch { "cuda" => DeviceKind.Cuda, "opencl" => DeviceKind.OpenCL, _ => DeviceKind.IlgpuCpu });
            Devices[Backend] = device;
        }
        if (_shared is not { } shared || shared.Backend != Backend || shared.BatchSize != BatchSize)
        {
            _shared?.Workload.Dispose();
            _shared = null;
            var workload = new KernelWorkload(device, BatchSize, userCount: Math.Max(1000, BatchSize / 5), movieCount: Math.Max(1000, BatchSize / 16));
            shared = (Backend, BatchSize, workload);
            _shared = shared;
        }
        _device = device;
        _launch = KernelRegistry.Benchmark(Kernel).Bind(shared.Workload).Run;
    }

    /// <summary>One launch, synchronised.</summary>
    [Benchmark]
    public void Launch()
    {
        _launch!();
        _device!.Synchronize();
    }
}
