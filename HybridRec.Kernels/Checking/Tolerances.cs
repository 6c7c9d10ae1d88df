namespace HybridRec.Kernels;

/// <summary>An absolute and relative tolerance: an element passes iff |ref − dev| ≤ Atol + Rtol·|ref|.</summary>
/// <param name="Atol">Absolute tolerance.</param>
/// <param name="Rtol">Relative tolerance.</param>
internal readonly record struct Tolerance(double Atol, double Rtol);

/// <summary>
/// The tolerances of the kernel checks, and why. Inputs are drawn uniformly from [−1, 1], so every summed term has
/// magnitude ≤ 1; the CPU twins sum in double and round once, so a difference is the kernel's float32 rounding.
/// </summary>
internal static class Tolerances
{
    /// <summary>Copies, masks and single multiplications (GatherRows, DotBackward, OutputBackward): bit-identical.</summary>
    public static readonly Tolerance Exact = new(0, 0);

    /// <summary>Adam: a few float ops per element; the GPU may fuse multiply-adds, so allow a few ulps.</summary>
    public static readonly Tolerance Adam = new(1e-6, 1e-5);

    /// <summary>dst + α·src: one rounding, or a fused multiply-add on the GPU.</summary>
    public static readonly Tolerance Axpy = new(1e-6, 1e-6);

    /// <summary>
    /// A float32 sum of <paramref name="terms"/> terms of magnitude ≤ 1, in any fixed order (sequential, tiled, or
    /// chunked then reduced): atol = 1e-5 + 1e-7·terms, rtol = 1e-4. The typical rounding error of a float32 sum of m
    /// such terms is ≈ 2^-24·m/2 at worst-case growth and far less for chunked sums, so 1e-7·m (≈ 1.7 ulp(1) per
    /// term) is a safe margin; 1e-5 covers short sums, and rtol 1e-4 covers large results.
    /// </summary>
    public static Tolerance Sum(long terms) => new(1e-5 + 1e-7 * Math.Max(terms, 1), 1e-4);

    /// <summary><see cref="Sum"/> in words, for the registry's tolerance rules.</summary>
    public const string SumRule = "sum of m terms: atol 1e-5 + 1e-7·m, rtol 1e-4";

    /// <summary>The MSE loss: a double sum of positive terms in a different order: relative 1e-9.</summary>
    public static readonly Tolerance Loss = new(1e-12, 1e-9);

    /// <summary>Plain-text statement of the rules, for reports.</summary>
    public const string Summary =
        "pass iff |ref − dev| ≤ atol + rtol·|ref|; twins sum in double and round once; inputs uniform in [−1, 1]. " +
        "Copies/masks/single products: exact (0, 0). Sums of m terms: atol 1e-5 + 1e-7·m, rtol 1e-4 (float32 rounding " +
        "of the kernel's fixed summation order, sequential, tiled or chunked). " +
        "Adam: atol 1e-6, rtol 1e-5 (fused multiply-adds, sqrt, division). AddScaled: 1e-6, 1e-6. " +
        "MSE loss (double): rtol 1e-9; its dy is exact.";
}
