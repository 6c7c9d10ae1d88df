namespace HybridRec.Model.Backends;

/// <summary>Where the network's arithmetic runs.</summary>
public enum BackendKind
{
    /// <summary>CUDA when a supported NVIDIA GPU is present, otherwise <see cref="Cpu"/>.</summary>
    Auto,

    /// <summary>The managed CPU backend: vectorised, multi-threaded, deterministic; also the reference the kernels are checked against.</summary>
    Cpu,

    /// <summary>The ILGPU kernels on ILGPU's CPU accelerator (a GPU simulator: slow, for correctness checks at small sizes).</summary>
    IlgpuCpu,

    /// <summary>The ILGPU kernels on an NVIDIA GPU through CUDA.</summary>
    Cuda,

    /// <summary>The ILGPU kernels on an OpenCL device.</summary>
    OpenCL,
}

/// <summary>Parsing and naming of <see cref="BackendKind"/> as used on command lines (<c>cpu</c>, <c>ilgpu-cpu</c>, <c>cuda</c>, <c>opencl</c>, <c>auto</c>).</summary>
public static class BackendKinds
{
    /// <summary>The command-line names.</summary>
    public static IReadOnlyList<string> Names { get; } = ["auto", "cpu", "ilgpu-cpu", "cuda", "opencl"];

    /// <summary>Parses a command-line name (case-insensitive); throws <see cref="ArgumentException"/> listing the valid names.</summary>
    public static BackendKind Parse(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        return name.Trim().ToLowerInvariant() switch
        {
            "auto" => BackendKind.Auto,
            "cpu" => BackendKind.Cpu,
            "ilgpu-cpu" => BackendKind.IlgpuCpu,
            "cuda" => BackendKind.Cuda,
            "opencl" => BackendKind.OpenCL,
            _ => throw new ArgumentException($"unknown backend '{name}' (expected one of: {string.Join(", ", Names)})."),
        };
    }

    /// <summary>The command-line name of <paramref name="kind"/>.</summary>
    public static string ToName(this BackendKind kind) => kind switch
    {
        BackendKind.Auto => "auto",
        BackendKind.Cpu => "cpu",
        BackendKind.IlgpuCpu => "ilgpu-cpu",
        BackendKind.Cuda => "cuda",
        BackendKind.OpenCL => "opencl",
        _ => kind.ToString(),
    };
}
