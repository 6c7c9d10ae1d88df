namespace HybridRec.Model.Backends;

/// <summary>Creates backends by kind.</summary>
internal static class ModelBackends
{
    /// <summary>
    /// Creates a backend. <see cref="BackendKind.Auto"/> picks CUDA when a supported NVIDIA GPU is present and
    /// the managed CPU backend otherwise. A requested device that is absent throws with a message saying what was found.
    /// </summary>
    public static IModelBackend Create(BackendKind kind, BackendSetup setup)
    {
        ArgumentNullException.ThrowIfNull(setup);
        return kind switch
        {
            BackendKind.Cpu => new CpuBackend(setup),
            BackendKind.Auto => HybridRec.Kernels.ComputeDevice.IsCudaAvailable ? new IlgpuBackend(setup, HybridRec.Kernels.DeviceKind.Cuda) : new CpuBackend(setup),
            BackendKind.Cuda => new IlgpuBackend(setup, HybridRec.Kernels.DeviceKind.Cuda),
            BackendKind.OpenCL => new IlgpuBackend(setup, HybridRec.Kernels.DeviceKind.OpenCL),
            BackendKind.IlgpuCpu => new IlgpuBackend(setup, HybridRec.Kernels.DeviceKind.IlgpuCpu),
            _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, "unknown backend."),
        };
    }
}
