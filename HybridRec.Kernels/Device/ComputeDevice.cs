using ILGPU;
using ILGPU.Runtime;

namespace HybridRec.Kernels;

/// <summary>
/// One ILGPU context and accelerator plus the HybridRec kernels loaded on it. Create one per process and device,
/// share it, and dispose it last: everything allocated on <see cref="Accelerator"/> must be disposed before it.
/// </summary>
/// <remarks>
/// Creation never relies on <c>Context.CreateDefault</c>: the requested back end is registered explicitly, its
/// devices enumerated from <see cref="Context.Devices"/>, and the created accelerator's type checked against the
/// request. On Linux the CUDA driver is found as <c>libcuda.so.1</c> (then <c>libcuda.so</c>) through a
/// DllImport resolver registered once for the ILGPU assembly.
/// ILGPU 1.5.3 may generate PTX for an older target than the GPU (for example <c>.target sm_80</c> on an H100,
/// SM_90) which the driver JIT-compiles for the GPU; <see cref="Info"/> reports the architecture and instruction
/// set that ILGPU actually selected.
/// </remarks>
public sealed class ComputeDevice : IDisposable
{
    private static readonly Lazy<bool> CudaProbe = new(ProbeCuda, LazyThreadSafetyMode.ExecutionAndPublication);
    private bool disposed;

    private ComputeDevice(DeviceKind kind, Context context, Accelerator accelerator)
    {
        Kind = kind;
        Context = context;
        Accelerator = accelerator;
        Info = DeviceCatalog.Describe(accelerator);
        Kernels = new HybridKernels(accelerator);
    }

    /// <summary>
    /// Creates a device of the requested kind and loads (compiles) every kernel on it. <see cref="DeviceKind.Auto"/>
    /// picks CUDA when a supported NVIDIA GPU is present, else an OpenCL GPU, else the ILGPU CPU accelerator, moving
    /// on to the next when a device cannot be started or cannot compile the kernels.
    /// </summary>
    /// <exception cref="DeviceUnavailableException">The requested kind is absent or could not be started.</exception>
    public static ComputeDevice Create(DeviceKind kind = DeviceKind.Auto)
    {
        if (!Enum.IsDefined(kind)) throw new ArgumentOutOfRangeException(nameof(kind), kind, "Unknown device kind.");
        var context = DeviceCatalog.CreateContext(
            cuda: kind is DeviceKind.Auto or DeviceKind.Cuda,
            openCl: kind is DeviceKind.Auto or DeviceKind.OpenCL,
            cpu: kind is DeviceKind.Auto or DeviceKind.IlgpuCpu);
        var failures = new List<string>();
        Exception? lastError = null;
        foreach (var device in Candidates(context, kind))
        {
            Accelerator? accelerator = null;
            try
            {
                accelerator = device.CreateAccelerator(context);
                var actual = DeviceCatalog.ToKind(accelerator.AcceleratorType);
                if (kind != DeviceKind.Auto && actual != kind)
                    throw new InvalidOperationException($"ILGPU created a {accelerator.AcceleratorType} accelerator for a {kind} request.");
                return new ComputeDevice(actual, context, accelerator); // loads (compiles) every kernel
            }
            catch (Exception ex) when (ex is not OutOfMemoryException)
            {
                accelerator?.Dispose();
                failures.Add($"'{device.Name}' ({device.AcceleratorType}) could not be started: {ex.GetType().Name}: {ex.Message}");
                lastError = ex;
            }
        }
        context.Dispose();
        string detail = failures.Count > 0 ? string.Join(" ", failures) : Explain(kind);
        throw new DeviceUnavailableException(kind, ListAll(), detail, lastError);
    }

    /// <summary>All devices ILGPU sees: CUDA GPUs, OpenCL devices and the default ILGPU CPU accelerator.</summary>
    public static IReadOnlyList<DeviceInfo> List() => ListAll();

    /// <summary>True when a CUDA device ILGPU supports is present. Never throws (false when libcuda is missing).</summary>
    public static bool IsCudaAvailable => CudaProbe.Value;

    /// <summary>The kind of device actually created (never <see cref="DeviceKind.Auto"/>).</summary>
    public DeviceKind Kind { get; }

    /// <summary>Name, architecture, driver and limits of the accelerator.</summary>
    public DeviceInfo Info { get; }

    /// <summary>The ILGPU context that owns <see cref="Accelerator"/>.</summary>
    public Context Context { get; }

    /// <summary>The ILGPU accelerator; kernels run on its default stream.</summary>
    public Accelerator Accelerator { get; }

    /// <summary>Every HybridRec kernel, loaded once for this accelerator, with typed launch methods.</summary>
    internal HybridKernels Kernels { get; }

    /// <summary>Waits until all work enqueued on the accelerator has finished.</summary>
    public void Synchronize()
    {
        ObjectDisposedException.ThrowIf(disposed, this);
        Accelerator.Synchronize();
    }

    /// <summary>Disposes the kernels' scratch buffers, then the accelerator, then the context.</summary>
    public void Dispose()
    {
        if (disposed) return;
        disposed = true;
        Kernels.Dispose();
        Accelerator.Dispose();
        Context.Dispose();
    }

    /// <inheritdoc />
    public override string ToString() => $"{Kind}: {Info}";

    /// <summary>Devices to try, best first: the first of the requested kind, or for Auto CUDA, OpenCL GPU, CPU.</summary>
    private static IEnumerable<Device> Candidates(Context context, DeviceKind kind)
    {
        var devices = context.Devices;
        Device? cuda = devices.FirstOrDefault(d => d.AcceleratorType == AcceleratorType.Cuda);
        Device? openClGpu = devices.FirstOrDefault(DeviceCatalog.IsOpenClGpu);
        Device? openCl = openClGpu ?? devices.FirstOrDefault(d => d.AcceleratorType == AcceleratorType.OpenCL);
        Device? cpu = devices.FirstOrDefault(d => d.AcceleratorType == AcceleratorType.CPU);
        Device?[] order = kind switch
        {
            DeviceKind.Cuda => [cuda],
            DeviceKind.OpenCL => [openCl],
            DeviceKind.IlgpuCpu => [cpu],
            _ => [cuda, openClGpu, cpu],
        };
        return order.OfType<Device>();
    }

    private static string Explain(DeviceKind kind) => kind switch
    {
        DeviceKind.Cuda => $"ILGPU found no supported CUDA device ({NativeLibraries.DescribeCudaDriver()}; {NativeLibraries.Status}).",
        DeviceKind.OpenCL => "ILGPU found no OpenCL device (is an OpenCL ICD loader, libOpenCL.so.1, installed?).",
        _ => "ILGPU found no device of that kind.",
    };

    private static IReadOnlyList<DeviceInfo> ListAll()
    {
        try
        {
            using var context = DeviceCatalog.CreateContext(cuda: true, openCl: true, cpu: true);
            return DeviceCatalog.Describe(context);
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            return [];
        }
    }

    private static bool ProbeCuda()
    {
        try
        {
            using var context = DeviceCatalog.CreateContext(cuda: true, openCl: false, cpu: false);
            return context.Devices.Any(d => d.AcceleratorType == AcceleratorType.Cuda);
        }
        catch (Exception)
        {
            return false; // documented: never throws
        }
    }
}
