using System.Diagnostics;
using System.Text;

namespace HybridRec.Kernels;

/// <summary>
/// Runs every kernel on random shapes and values against its CPU twin (the <c>check-kernels</c> command).
/// </summary>
internal static class KernelSelfTest
{
    /// <summary>
    /// Checks every launch method of <see cref="HybridKernels"/> on <paramref name="device"/>: for each,
    /// <paramref name="casesPerKernel"/> seeded random cases with awkward sizes (n not a multiple of any tile; widths 1,
    /// 7, 25, 50, 100; empty feature lists; featureCount 0; column ranges inside padded buffers), compared with the
    /// CPU twin by <see cref="KernelCheck.Compare(ReadOnlySpan{float}, ReadOnlySpan{float}, double, double)"/>.
    /// With <paramref name="large"/>, the last case of each kernel is GPU-sized (n ≈ 100k–1M, realistic widths); meant
    /// for GPUs (the twins then take seconds per kernel on the host, and the ILGPU CPU accelerator minutes).
    /// </summary>
    /// <param name="device">Device to check.</param>
    /// <param name="seed">Seed of all shapes and values; the same seed gives the same cases.</param>
    /// <param name="casesPerKernel">Cases per kernel (≥ 1).</param>
    /// <param name="large">Make the last case of each kernel GPU-sized.</param>
    /// <param name="onReport">Called with each kernel's report as soon as it is done (for progress output), or null.</param>
    /// <returns>One report per launch method, in registry order (family by family).</returns>
    public static IReadOnlyList<KernelCheckReport> RunAll(ComputeDevice device, long seed = 1, int casesPerKernel = 5, bool large = false, Action<KernelCheckReport>? onReport = null)
    {
        ArgumentNullException.ThrowIfNull(device);
        ArgumentOutOfRangeException.ThrowIfLessThan(casesPerKernel, 1);
        return Run(device, seed, casesPerKernel, large ? CaseSize.Large : CaseSize.Small, KernelRegistry.Launches, onReport);
    }

    /// <summary>Formats reports as a readable block: device, tolerance rules, one entry per kernel, a summary line.</summary>
    /// <param name="device">The device checked (for the header), or null.</param>
    /// <param name="reports">Reports from <see cref="RunAll"/>.</param>
    public static string Format(DeviceInfo? device, IReadOnlyList<KernelCheckReport> reports)
    {
        ArgumentNullException.ThrowIfNull(reports);
        var sb = new StringBuilder();
        if (device is not null) sb.AppendLine($"Kernel check on {device}");
        sb.AppendLine($"Tolerances: {Tolerances.Summary}");
        sb.AppendLine();
        foreach (var r in reports) sb.AppendLine(r.ToString());
        int failed = reports.Count(r => !r.Passed);
        sb.AppendLine();
        sb.Append(failed == 0
            ? $"All {reports.Count} kernels match their CPU twins ({reports.Sum(r => r.Cases)} cases)."
            : $"{failed} of {reports.Count} kernels FAILED: {string.Join(", ", reports.Where(r => !r.Passed).Select(r => r.Kernel))}.");
        return sb.ToString();
    }

    /// <summary>Runs the cases of <paramref name="launches"/> at a size class (the last case at <paramref name="lastSize"/>).</summary>
    internal static IReadOnlyList<KernelCheckReport> Run(ComputeDevice device, long seed, int casesPerKernel, CaseSize lastSize, IEnumerable<LaunchEntry> launches, Action<KernelCheckReport>? onReport = null)
    {
        var reports = new List<KernelCheckReport>();
        int index = 0;
        foreach (var launch in launches)
        {
            var rng = new Random(unchecked((int)(seed * 1_000_003 + index++ * 7919)));
            var watch = Stopwatch.StartNew();
            CheckResult? worst = null;
            string worstCase = "";
            string? error = null;
            int passed = 0;
            for (int i = 0; i < casesPerKernel; i++)
            {
                var size = i == casesPerKernel - 1 ? lastSize : lastSize == CaseSize.Tiny ? CaseSize.Tiny : CaseSize.Small;
                var kernelCase = launch.Draw(rng, size, rng.Next());
                CheckResult result;
                try
                {
                    result = kernelCase.Run(device);
                }
                catch (Exception ex) when (ex is not OutOfMemoryException)
                {
                    error ??= $"{ex.GetType().Name}: {ex.Message} (case {kernelCase})";
                    result = new CheckResult(false, 0, 0, double.NaN, -1, double.NaN, double.NaN, 0, 0, Problem: $"threw {ex.GetType().Name}");
                }
                if (result.Passed) passed++;
                if (worst is null || !ReferenceEquals(CheckResult.Worse(worst, result), worst))
                {
                    worst = result;
                    worstCase = kernelCase.ToString();
                }
            }
            var report = new KernelCheckReport(launch.Name, casesPerKernel, passed, worst!, worstCase, launch.ToleranceRule, watch.Elapsed, error);
            reports.Add(report);
            onReport?.Invoke(report);
        }
        return reports;
    }
}
