namespace HybridRec.Kernels;

/// <summary>
/// Plain-loop CPU twins of every launch method of <see cref="HybridKernels"/>: same names, same arguments (arrays and
/// spans instead of views), same meaning. Written for obviousness, not speed: they are the reference the kernels are
/// checked against.
/// </summary>
/// <remarks>
/// Sums are accumulated in double and rounded to float once, so a twin is the exactly rounded result (up to the
/// double rounding of very long sums) and a comparison measures the kernel's float32 rounding only. Element-wise
/// formulas (Adam, ReLU, scaled adds, the bias and L2 terms) use the same float expressions as the kernels. Each
/// family declares its twins next to its kernels (<c>Families/*/CpuTwins.*.cs</c>).
/// </remarks>
internal static partial class CpuTwins;
