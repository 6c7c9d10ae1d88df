using System.Reflection;
using ILGPU;
using ILGPU.Runtime;
using ILGPU.Runtime.CPU;
using ILGPU.Runtime.Cuda;
using ILGPU.Runtime.OpenCL;

namespace HybridRec.Kernels;

/// <summary>Creates ILGPU contexts with an explicit set of device back ends and describes their devices.</summary>
internal static class DeviceCatalog
{
    /// <summary>
    /// Creates a context with the requested back ends. Never uses <c>Context.CreateDefault</c>: devices are
    /// registered explicitly and enumerated from <see cref="Context.Devices"/>.
    /// </summary>
    public static Context CreateContext(bool cuda, bool openCl, bool cpu)
    {
        NativeLibraries.EnsureRegistered();
        return Context.Create(builder =>
        {
            builder.Optimize(OptimizationLevel.O1).Math(MathMode.Default);
            if (cuda) AddCuda(builder);
            if (openCl) AddOpenCl(builder);
            if (cpu) builder.DefaultCPU();
        });
    }

    /// <summary>The devices of <paramref name="context"/> as <see cref="DeviceInfo"/> records.</summary>
    public static IReadOnlyList<DeviceInfo> Describe(Context context) => context.Devices.Select(Describe).ToArray();

    /// <summary>Describes a device (before an accelerator exists).</summary>
    public static DeviceInfo Describe(Device device)
    {
        string arch = "n/a", isa = "n/a", driver = "n/a";
        if (device is CudaDevice cuda)
        {
            arch = cuda.Architecture?.ToString() ?? "unknown";
            isa = cuda.InstructionSet?.ToString() ?? "unknown";
            driver = cuda.DriverVersion.ToString();
        }
        return new DeviceInfo(
            device.Name,
            TypeName(device.AcceleratorType),
            arch, isa, driver,
            SensibleMemory(device.MemorySize, device.AcceleratorType),
            device.NumMultiprocessors,
            device.MaxNumThreadsPerGroup,
            device.WarpSize,
            device.MaxSharedMemoryPerGroup);
    }

    /// <summary>Describes a created accelerator; CUDA fields come from <see cref="CudaAccelerator"/>.</summary>
    public static DeviceInfo Describe(Accelerator accelerator)
    {
        string arch = "n/a", isa = "n/a", driver = "n/a";
        if (accelerator is CudaAccelerator cuda)
        {
            arch = cuda.Architecture.ToString();
            isa = cuda.InstructionSet.ToString();
            driver = cuda.DriverVersion.ToString();
        }
        return new DeviceInfo(
            accelerator.Name,
            TypeName(accelerator.AcceleratorType),
            arch, isa, driver,
            SensibleMemory(accelerator.MemorySize, accelerator.AcceleratorType),
            accelerator.NumMultiprocessors,
            accelerator.MaxNumThreadsPerGroup,
            accelerator.WarpSize,
            accelerator.MaxSharedMemoryPerGroup);
    }

    /// <summary>The ILGPU accelerator type a <see cref="DeviceKind"/> (other than Auto) maps to.</summary>
    public static AcceleratorType ToAcceleratorType(DeviceKind kind) => kind switch
    {
        DeviceKind.Cuda => AcceleratorType.Cuda,
        DeviceKind.OpenCL => AcceleratorType.OpenCL,
        DeviceKind.IlgpuCpu => AcceleratorType.CPU,
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, "Auto has no single accelerator type."),
    };

    /// <summary>The <see cref="DeviceKind"/> of an ILGPU accelerator type.</summary>
    public static DeviceKind ToKind(AcceleratorType type) => type switch
    {
        AcceleratorType.Cuda => DeviceKind.Cuda,
        AcceleratorType.OpenCL => DeviceKind.OpenCL,
        AcceleratorType.CPU => DeviceKind.IlgpuCpu,
        _ => throw new ArgumentOutOfRangeException(nameof(type), type, "Unknown accelerator type."),
    };

    /// <summary>True for OpenCL devices that report themselves as GPUs.</summary>
    public static bool IsOpenClGpu(Device device) =>
        device is CLDevice cl && cl.DeviceType.HasFlag(CLDeviceType.CL_DEVICE_TYPE_GPU);

    private static string TypeName(AcceleratorType type) => type switch
    {
        AcceleratorType.Cuda => "Cuda",
        AcceleratorType.OpenCL => "OpenCL",
        AcceleratorType.CPU => "CPU",
        _ => type.ToString(),
    };

    private static long SensibleMemory(long reported, AcceleratorType type) =>
        type == AcceleratorType.CPU && reported == long.MaxValue
            ? GC.GetGCMemoryInfo().TotalAvailableMemoryBytes
            : reported;

    /// <summary>
    /// Registers the CUDA devices ILGPU supports. On WSL, ILGPU's <c>Cuda()</c> registers a DllImport resolver each
    /// time and throws when one already exists (a second context in the same process); then the devices are
    /// registered through ILGPU's internal enumeration, found by reflection.
    /// </summary>
    private static void AddCuda(Context.Builder builder)
    {
        try
        {
            builder.Cuda();
        }
        catch (InvalidOperationException) when (NativeLibraries.IsWsl)
        {
            AddCudaWithoutResolver(builder);
        }
        catch (DllNotFoundException)
        {
            // No driver: no CUDA devices.
        }
    }

    private static void AddCudaWithoutResolver(Context.Builder builder)
    {
        const BindingFlags Any = BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.Static | BindingFlags.Instance;
        var registry = typeof(Context.Builder).GetProperty("DeviceRegistry", Any)?.GetValue(builder);
        var getDevices = typeof(CudaDevice).GetMethods(Any).FirstOrDefault(m =>
            m.Name == "GetDevices" && m.GetParameters().Length == 3);
        if (registry is null || getDevices is null) return;
        Action<CudaDeviceOverride> configure = _ => { };
        Predicate<CudaDevice> predicate = d => d.Architecture.HasValue && d.InstructionSet.HasValue;
        getDevices.Invoke(null, [configure, predicate, registry]);
    }

    private static void AddOpenCl(Context.Builder builder)
    {
        try
        {
            builder.OpenCL();
        }
        catch (DllNotFoundException)
        {
            // No OpenCL ICD loader: no OpenCL devices.
        }
    }
}
