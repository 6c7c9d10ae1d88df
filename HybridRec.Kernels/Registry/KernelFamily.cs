namespace HybridRec.Kernels;

/// <summary>
/// One kernel family's registry entry (a folder under <c>Families/</c>): the device kernels it declares and the launch
/// methods it adds to <see cref="HybridKernels"/>. A launch method may also enqueue another family's kernels (the
/// split reductions share <c>ReductionKernels.ReducePartials</c>); each device kernel is declared by one family.
/// </summary>
/// <param name="Name">Family (and folder) name.</param>
/// <param name="Kernels">The device kernels the family declares.</param>
/// <param name="Launches">The launch methods the family adds.</param>
internal sealed record KernelFamily(string Name, IReadOnlyList<DeviceKernel> Kernels, IReadOnlyList<LaunchEntry> Launches);
