namespace HybridRec.Kernels;

/// <summary>A description of one ILGPU device or accelerator, as reported by ILGPU and the driver.</summary>
/// <param name="Name">Device name as reported by the driver (for example "NVIDIA H100 80GB HBM3").</param>
/// <param name="Type">Accelerator type: "Cuda", "OpenCL" or "CPU".</param>
/// <param name="Architecture">CUDA compute architecture (for example "SM_90"); "n/a" for non-CUDA devices.</param>
/// <param name="InstructionSet">PTX instruction set ILGPU generates for the device (for example "PTX 8.0"); "n/a" for non-CUDA devices.</param>
/// <param name="DriverVersion">CUDA driver API version (for example "12.4"); "n/a" for non-CUDA devices.</param>
/// <param name="MemoryBytes">Device memory in bytes (for the CPU accelerator: the memory available to the process).</param>
/// <param name="Multiprocessors">Number of multiprocessors (SMs on NVIDIA GPUs).</param>
/// <param name="MaxThreadsPerGroup">Largest group (thread block) size the device accepts.</param>
/// <param name="WarpSize">Warp size (32 on NVIDIA GPUs; 4 on ILGPU's default CPU accelerator).</param>
/// <param name="MaxSharedMemoryPerGroup">Shared memory per group in bytes.</param>
public sealed record DeviceInfo(
    string Name,
    string Type,
    string Architecture,
    string InstructionSet,
    string DriverVersion,
    long MemoryBytes,
    int Multiprocessors,
    int MaxThreadsPerGroup,
    int WarpSize,
    long MaxSharedMemoryPerGroup)
{
    /// <summary>One line: name, type, architecture, ISA, driver, memory and the group limits.</summary>
    public override string ToString() =>
        $"{Name} [{Type}] arch {Architecture}, ISA {InstructionSet}, driver {DriverVersion}, " +
        $"{MemoryBytes / (1024.0 * 1024 * 1024):F1} GiB, {Multiprocessors} MPs, " +
        $"≤{MaxThreadsPerGroup} threads/group, warp {WarpSize}, {FormatBytes(MaxSharedMemoryPerGroup)} shared/group";

    private static string FormatBytes(long bytes) =>
        bytes >= int.MaxValue ? "unbounded" : bytes >= 1024 ? $"{bytes / 1024} KiB" : $"{bytes} B";
}
