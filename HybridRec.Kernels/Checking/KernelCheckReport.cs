using System.Globalization;

namespace HybridRec.Kernels;

/// <summary>Result of checking one kernel against its CPU twin over several random cases.</summary>
/// <param name="Kernel">Launch method checked (a <see cref="HybridKernels"/> method name).</param>
/// <param name="Cases">Cases run.</param>
/// <param name="PassedCases">Cases whose every output was within tolerance.</param>
/// <param name="Worst">The worst comparison over all cases (a failing one if any failed).</param>
/// <param name="WorstCase">The shape of the case that produced <paramref name="Worst"/>.</param>
/// <param name="Tolerance">The tolerance rule, in words (atol/rtol of the worst comparison are in <paramref name="Worst"/>).</param>
/// <param name="Elapsed">Wall time of the cases, including the CPU twins and transfers.</param>
/// <param name="Error">An exception message when a case threw instead of producing a result, else null.</param>
internal sealed record KernelCheckReport(
    string Kernel,
    int Cases,
    int PassedCases,
    CheckResult Worst,
    string WorstCase,
    string Tolerance,
    TimeSpan Elapsed,
    string? Error = null)
{
    /// <summary>True when every case ran and passed.</summary>
    public bool Passed => Error is null && PassedCases == Cases;

    /// <summary>Absolute tolerance of the worst comparison.</summary>
    public double Atol => Worst.Atol;

    /// <summary>Relative tolerance of the worst comparison.</summary>
    public double Rtol => Worst.Rtol;

    /// <summary>A few lines: verdict, kernel, cases, worst comparison and its case, tolerance rule.</summary>
    public override string ToString()
    {
        var c = CultureInfo.InvariantCulture;
        string head = string.Format(c, "{0} {1,-22} {2}/{3} cases passed in {4:F2} s",
            Passed ? "PASS" : "FAIL", Kernel, PassedCases, Cases, Elapsed.TotalSeconds);
        string error = Error is null ? "" : $"{Environment.NewLine}     error: {Error}";
        return $"{head}{error}{Environment.NewLine}     worst: {Worst}{Environment.NewLine}     case:  {WorstCase}{Environment.NewLine}     rule:  {Tolerance}";
    }
}
