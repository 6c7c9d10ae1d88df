using System.Globalization;

namespace HybridRec.Kernels;

/// <summary>
/// Outcome of comparing a device result with its reference: element i passes iff
/// <c>|expected[i] − actual[i]| ≤ Atol + Rtol·|expected[i]|</c>; NaN or ∞ never pass, and a length mismatch fails.
/// </summary>
/// <param name="Passed">True when every element passed and the lengths matched.</param>
/// <param name="Count">Number of elements compared.</param>
/// <param name="Failures">Number of elements out of tolerance (or non-finite).</param>
/// <param name="MaxAbsDiff">Largest |expected − actual| over the finite elements (∞ when an element is not finite).</param>
/// <param name="WorstIndex">Index of the worst element (largest |diff| / allowance; non-finite first), or −1 when none.</param>
/// <param name="Expected">Reference value at <paramref name="WorstIndex"/>.</param>
/// <param name="Actual">Device value at <paramref name="WorstIndex"/>.</param>
/// <param name="Atol">Absolute tolerance used.</param>
/// <param name="Rtol">Relative tolerance used.</param>
/// <param name="Label">What was compared (for example "DenseForward y"), or empty.</param>
/// <param name="Problem">Why the comparison failed outright (length mismatch), or null.</param>
internal sealed record CheckResult(
    bool Passed,
    int Count,
    int Failures,
    double MaxAbsDiff,
    int WorstIndex,
    double Expected,
    double Actual,
    double Atol,
    double Rtol,
    string Label = "",
    string? Problem = null)
{
    /// <summary>How far the worst element is from its allowance: |diff| / (Atol + Rtol·|expected|); ≤ 1 passes.</summary>
    public double WorstRatio
    {
        get
        {
            if (WorstIndex < 0) return Problem is null ? 0 : double.PositiveInfinity;
            double diff = Math.Abs(Expected - Actual);
            if (!double.IsFinite(diff)) return double.PositiveInfinity;
            double allowed = Atol + Rtol * Math.Abs(Expected);
            return allowed > 0 ? diff / allowed : diff > 0 ? double.PositiveInfinity : 0;
        }
    }

    /// <summary>The same result with a label.</summary>
    public CheckResult WithLabel(string label) => this with { Label = label };

    /// <summary>Of two results, the failing one, else the one whose worst element is closer to its limit.</summary>
    public static CheckResult Worse(CheckResult a, CheckResult b)
    {
        ArgumentNullException.ThrowIfNull(a);
        ArgumentNullException.ThrowIfNull(b);
        if (a.Passed != b.Passed) return a.Passed ? b : a;
        return b.WorstRatio > a.WorstRatio ? b : a;
    }

    /// <summary>One readable line: verdict, counts, largest difference, the worst element and the tolerance.</summary>
    public override string ToString()
    {
        var c = CultureInfo.InvariantCulture;
        string label = Label.Length > 0 ? Label + ": " : "";
        string verdict = Passed ? "PASS" : "FAIL";
        if (Problem is not null) return $"{label}{verdict} — {Problem}";
        string tol = string.Format(c, "|diff| ≤ {0:G3} + {1:G3}·|expected|", Atol, Rtol);
        if (WorstIndex < 0) return $"{label}{verdict} {Count} values (nothing to compare); {tol}";
        double diff = Math.Abs(Expected - Actual);
        double allowed = Atol + Rtol * Math.Abs(Expected);
        string failures = Failures > 0 ? string.Format(c, ", {0} out of tolerance", Failures) : "";
        return string.Format(c,
            "{0}{1} {2} values{3}, max |diff| {4:G3}; worst [{5}]: expected {6:G9}, actual {7:G9}, |diff| {8:G3} vs allowed {9:G3} ({10:G3}× the allowance); {11}",
            label, verdict, Count, failures, MaxAbsDiff, WorstIndex, Expected, Actual, diff, allowed,
            double.IsFinite(WorstRatio) ? WorstRatio : double.NaN, tol);
    }
}
