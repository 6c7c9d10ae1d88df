using System.Reflection;
using System.Runtime.InteropServices;
using ILGPU;

namespace HybridRec.Kernels;

/// <summary>
/// Maps the native library names ILGPU 1.5.3 imports (<c>[DllImport("cuda")]</c> in <c>CudaAPI_1</c>,
/// <c>[DllImport("OpenCL")]</c>) to the sonames that driver-only Linux machines actually have
/// (<c>libcuda.so.1</c>; <c>libcuda.so</c> exists only where the CUDA toolkit's development package is installed).
/// </summary>
/// <remarks>
/// Registered once per process, thread-safe, before ILGPU first touches the driver (ILGPU loads the driver
/// API once per process and keeps a "not supported" stub if that fails). If another resolver is already
/// registered for the ILGPU assembly (the host application's, or ILGPU's own on WSL) it is kept and ours is not
/// used; <see cref="Status"/> says which.
/// </remarks>
internal static class NativeLibraries
{
    private static readonly Lock Gate = new();
    private static bool registered;

    /// <summary>How the resolver registration went (for diagnostics and error messages).</summary>
    public static string Status { get; private set; } = "resolver not registered yet";

    /// <summary>True when running under Windows Subsystem for Linux (ILGPU registers its own CUDA resolver there).</summary>
    public static bool IsWsl { get; } = DetectWsl();

    /// <summary>Registers the resolver for the ILGPU assembly once; tolerant of an already registered resolver.</summary>
    public static void EnsureRegistered()
    {
        lock (Gate)
        {
            if (registered) return;
            registered = true;
            if (!OperatingSystem.IsLinux())
            {
                Status = "default native library probing (not Linux)";
                return;
            }
            if (IsWsl)
            {
                // ILGPU's Cuda() registers its own WSL resolver for this assembly and would throw if ours were there.
                Status = "WSL: ILGPU's own CUDA resolver is used";
                return;
            }
            try
            {
                NativeLibrary.SetDllImportResolver(typeof(Context).Assembly, Resolve);
                Status = "resolver registered (cuda → libcuda.so.1 | libcuda.so; OpenCL → libOpenCL.so.1 | libOpenCL.so)";
            }
            catch (InvalidOperationException)
            {
                Status = "another DllImport resolver was already registered for ILGPU; it is used instead";
            }
        }
    }

    /// <summary>Describes whether the CUDA driver library can be loaded (never throws).</summary>
    public static string DescribeCudaDriver()
    {
        if (!OperatingSystem.IsLinux() && !OperatingSystem.IsWindows()) return "CUDA is not supported on this OS";
        string[] names = OperatingSystem.IsWindows() ? ["nvcuda.dll"] : CudaNames;
        foreach (var name in names)
        {
            if (NativeLibrary.TryLoad(name, out var handle))
            {
                NativeLibrary.Free(handle);
                return $"CUDA driver library {name} loads";
            }
        }
        return $"CUDA driver library not found (tried {string.Join(", ", names)})";
    }

    private static readonly string[] CudaNames = ["libcuda.so.1", "libcuda.so", "/usr/lib/wsl/lib/libcuda.so.1"];
    private static readonly string[] OpenClNames = ["libOpenCL.so.1", "libOpenCL.so"];

    private static IntPtr Resolve(string libraryName, Assembly assembly, DllImportSearchPath? searchPath)
    {
        string[]? candidates =
            libraryName.Equals("cuda", StringComparison.OrdinalIgnoreCase) ? CudaNames :
            libraryName.Equals("OpenCL", StringComparison.OrdinalIgnoreCase) ? OpenClNames :
            null;
        if (candidates is null) return IntPtr.Zero;
        foreach (var candidate in candidates)
        {
            if (NativeLibrary.TryLoad(candidate, out var handle)) return handle;
        }
        return IntPtr.Zero; // fall back to the runtime's default probing (which then fails with DllNotFoundException)
    }

    private static bool DetectWsl()
    {
        try
        {
            return OperatingSystem.IsLinux() &&
                   File.ReadAllText("/proc/version").Contains("microsoft", StringComparison.OrdinalIgnoreCase);
        }
        catch (IOException) { return false; }
        catch (UnauthorizedAccessException) { return false; }
    }
}
