using System.Numerics;

namespace HybridRec.Kernels;

/// <summary>Compares device results with their CPU-twin references.</summary>
internal static class KernelCheck
{
    /// <summary>
    /// Passes iff the lengths match and every element satisfies <c>|ref − dev| ≤ atol + rtol·|ref|</c> (NaN and ∞ never
    /// pass, on either side). Reports the largest difference and the element closest to (or furthest past) its limit.
    /// </summary>
    /// <param name="expected">Reference values (the CPU twin).</param>
    /// <param name="actual">Device values.</param>
    /// <param name="atol">Absolute tolerance (≥ 0).</param>
    /// <param name="rtol">Relative tolerance (≥ 0).</param>
    public static CheckResult Compare(ReadOnlySpan<float> expected, ReadOnlySpan<float> actual, double atol, double rtol) =>
        Compare<float>(expected, actual, atol, rtol);

    /// <summary>As <see cref="Compare(ReadOnlySpan{float}, ReadOnlySpan{float}, double, double)"/> for double values.</summary>
    /// <param name="expected">Reference values.</param>
    /// <param name="actual">Device values.</param>
    /// <param name="atol">Absolute tolerance.</param>
    /// <param name="rtol">Relative tolerance.</param>
    public static CheckResult Compare(ReadOnlySpan<double> expected, ReadOnlySpan<double> actual, double atol, double rtol) =>
        Compare<double>(expected, actual, atol, rtol);

    // Each value is widened to double (exact for float) and scanned once.
    private static CheckResult Compare<T>(ReadOnlySpan<T> expected, ReadOnlySpan<T> actual, double atol, double rtol)
        where T : struct, IFloatingPointIeee754<T>
    {
        ValidateTolerances(atol, rtol);
        if (expected.Length != actual.Length)
            return LengthMismatch(expected.Length, actual.Length, atol, rtol);
        var scan = new Scan(atol, rtol);
        for (int i = 0; i < expected.Length; i++) scan.Add(i, double.CreateTruncating(expected[i]), double.CreateTruncating(actual[i]));
        return scan.Result(expected.Length);
    }

    private static void ValidateTolerances(double atol, double rtol)
    {
        if (!(atol >= 0) || double.IsPositiveInfinity(atol)) throw new ArgumentOutOfRangeException(nameof(atol), atol, "atol must be finite and ≥ 0.");
        if (!(rtol >= 0) || double.IsPositiveInfinity(rtol)) throw new ArgumentOutOfRangeException(nameof(rtol), rtol, "rtol must be finite and ≥ 0.");
    }

    private static CheckResult LengthMismatch(int expected, int actual, double atol, double rtol) =>
        new(false, Math.Min(expected, actual), 0, double.NaN, -1, double.NaN, double.NaN, atol, rtol,
            Problem: $"length mismatch: expected {expected} values, got {actual}");

    private struct Scan(double atol, double rtol)
    {
        private int failures;
        private double maxAbs;
        private int worst = -1;
        private double worstRatio = -1;
        private double worstExpected = double.NaN;
        private double worstActual = double.NaN;

        public void Add(int i, double expected, double actual)
        {
            double diff = Math.Abs(expected - actual);
            double ratio;
            if (!double.IsFinite(expected) || !double.IsFinite(actual))
            {
                ratio = double.PositiveInfinity;
                maxAbs = double.PositiveInfinity;
            }
            else
            {
                if (diff > maxAbs) maxAbs = diff;
                double allowed = atol + rtol * Math.Abs(expected);
                ratio = allowed > 0 ? diff / allowed : diff > 0 ? double.PositiveInfinity : 0;
            }
            bool fails = !(ratio <= 1);
            if (fails) failures++;
            if (ratio > worstRatio)
            {
                worstRatio = ratio;
                worst = i;
                worstExpected = expected;
                worstActual = actual;
            }
        }

        public readonly CheckResult Result(int count) =>
            new(failures == 0, count, failures, maxAbs, worst, worstExpected, worstActual, atol, rtol);
    }
}
