namespace HybridRec.Kernels;

/// <summary>Which kind of ILGPU accelerator a <see cref="ComputeDevice"/> runs on.</summary>
public enum DeviceKind
{
    /// <summary>CUDA when a supported NVIDIA GPU is present, else an OpenCL GPU, else the ILGPU CPU accelerator.</summary>
    Auto,

    /// <summary>An NVIDIA GPU through the CUDA driver API (PTX kernels).</summary>
    Cuda,

    /// <summary>An OpenCL device (a GPU preferred). Best effort: the kernels are written and tested for CUDA.</summary>
    OpenCL,

    /// <summary>ILGPU's CPU accelerator: runs the kernels as .NET code with simulated groups and warps. Slow; for tests.</summary>
    IlgpuCpu,
}
