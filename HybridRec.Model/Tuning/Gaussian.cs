using HybridRec.Data;

namespace HybridRec.Model.Tuning;

/// <summary>
/// Standard normal functions the Parzen estimators need, accurate in the tails: erf/erfc (a positive-term series
/// up to 1.5, a continued fraction beyond, so erfc keeps its relative accuracy far out), log Φ, the log of the
/// probability mass of an interval, and rejection sampling of a truncated normal.
/// </summary>
internal static class Gaussian
{
    private const double InvSqrtPi = 0.56418958354775628695;   // 1/√π
    private const double LogSqrt2Pi = 0.91893853320467274178;  // log √(2π)
    private const double Sqrt2 = 1.41421356237309504880;
    private const double SeriesLimit = 1.5;

    /// <summary>erf(x).</summary>
    public static double Erf(double x)
    {
        if (double.IsNaN(x)) return double.NaN;
        if (x < 0) return -Erf(-x);
        return x <= SeriesLimit ? ErfSeries(x) : 1.0 - Math.Exp(LogErfcContinuedFraction(x));
    }

    /// <summary>erfc(x) = 1 − erf(x), with relative accuracy for large positive x.</summary>
    public static double Erfc(double x)
    {
        if (double.IsNaN(x)) return double.NaN;
        if (x < 0) return 2.0 - Erfc(-x);
        return x <= SeriesLimit ? 1.0 - ErfSeries(x) : Math.Exp(LogErfcContinuedFraction(x));
    }

    /// <summary>Φ(z), the standard normal CDF.</summary>
    public static double Cdf(double z) => 0.5 * Erfc(-z / Sqrt2);

    /// <summary>log Φ(z), finite for every finite z (no underflow in the left tail).</summary>
    public static double LogCdf(double z)
    {
        double x = -z / Sqrt2;
        if (x > SeriesLimit) return Math.Log(0.5) + LogErfcContinuedFraction(x);
        if (z > 6) return Log1p(-Cdf(-z));
        return Math.Log(Cdf(z));
    }

    /// <summary>log φ(z), the log standard normal density.</summary>
    public static double LogPdf(double z) => -0.5 * z * z - LogSqrt2Pi;

    /// <summary>log(Φ(b) − Φ(a)) for a ≤ b, computed in whichever tail keeps precision.</summary>
    public static double LogMass(double a, double b)
    {
        if (b <= 0) return LogDiff(LogCdf(b), LogCdf(a));
        if (a > 0) return LogDiff(LogCdf(-a), LogCdf(-b));
        return Log1p(-Cdf(a) - Cdf(-b));
    }

    /// <summary>
    /// A draw from N(<paramref name="mu"/>, <paramref name="sigma"/>²) truncated to [<paramref name="low"/>,
    /// <paramref name="high"/>], by rejection. The estimators keep μ inside the interval and σ at most its width, so
    /// at least Φ(1) − Φ(0) ≈ 34% of the draws are accepted.
    /// </summary>
    public static double SampleTruncated(SeededRandom rng, double mu, double sigma, double low, double high)
    {
        for (int attempt = 0; attempt < 100_000; attempt++)
        {
            double x = mu + sigma * rng.NextGaussian();
            if (x >= low && x <= high) return x;
        }
        throw new InvalidOperationException(
            $"Truncated normal N({mu}, {sigma}²) on [{low}, {high}] rejected 100000 draws; the interval holds almost no mass.");
    }

    /// <summary>log(1 + x), accurate for small x.</summary>
    public static double Log1p(double x)
    {
        double u = 1.0 + x;
        return u == 1.0 ? x : Math.Log(u) * x / (u - 1.0);
    }

    /// <summary>log Σ exp(values), −∞ when all are −∞.</summary>
    public static double LogSumExp(ReadOnlySpan<double> values)
    {
        double max = double.NegativeInfinity;
        foreach (double v in values) if (v > max) max = v;
        if (double.IsNegativeInfinity(max)) return max;
        double sum = 0;
        foreach (double v in values) sum += Math.Exp(v - max);
        return max + Math.Log(sum);
    }

    /// <summary>log(exp(p) − exp(q)) for q ≤ p.</summary>
    private static double LogDiff(double logP, double logQ) => logP + Log1p(-Math.Exp(logQ - logP));

    /// <summary>erf(x) for 0 ≤ x ≤ 1.5: (2/√π) e^(−x²) Σ_n 2ⁿ x^(2n+1) / (1·3·…·(2n+1)), all terms positive.</summary>
    private static double ErfSeries(double x)
    {
        double x2 = x * x, term = x, sum = x;
        for (int n = 1; n < 500; n++)
        {
            term *= 2.0 * x2 / (2 * n + 1);
            sum += term;
            if (term <= sum * 1e-17) break;
        }
        return 2.0 * InvSqrtPi * Math.Exp(-x2) * sum;
    }

    /// <summary>
    /// log erfc(x) for x &gt; 0 from the continued fraction erfc(x) = e^(−x²)/√π · 1/(x + ½/(x + 1/(x + (3/2)/(x + …)))),
    /// evaluated by the modified Lentz method.
    /// </summary>
    private static double LogErfcContinuedFraction(double x)
    {
        const double Tiny = 1e-300;
        double f = x, c = x, d = 0;
        for (int j = 1; j < 5000; j++)
        {
            double a = 0.5 * j;
            d = x + a * d;
            if (d == 0) d = Tiny;
            c = x + a / c;
            if (c == 0) c = Tiny;
            d = 1.0 / d;
            double delta = c * d;
            f *= delta;
            if (Math.Abs(delta - 1.0) < 1e-16) break;
        }
        return -x * x + Math.Log(InvSqrtPi / f);
    }
}
