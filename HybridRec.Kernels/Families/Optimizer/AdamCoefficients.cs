using System.Runtime.InteropServices;

namespace HybridRec.Kernels;

/// <summary>
/// The per-step scalars of a Keras Adam update (design.md §3):
/// <c>m ← β1 m + (1 − β1) g;  v ← β2 v + (1 − β2) g²;  θ ← θ − α_t · m / (√v + ε)</c>.
/// </summary>
[StructLayout(LayoutKind.Sequential)]
internal readonly struct AdamCoefficients
{
    /// <summary>Bias-corrected step size α_t = lr · √(1 − β2^t) / (1 − β1^t).</summary>
    public readonly float Alpha;

    /// <summary>First-moment decay β1.</summary>
    public readonly float Beta1;

    /// <summary>Second-moment decay β2.</summary>
    public readonly float Beta2;

    /// <summary>ε added to √v (Keras placement).</summary>
    public readonly float Epsilon;

    /// <summary>Creates coefficients from an already bias-corrected <paramref name="alpha"/>.</summary>
    public AdamCoefficients(float alpha, float beta1, float beta2, float epsilon)
    {
        Alpha = alpha;
        Beta1 = beta1;
        Beta2 = beta2;
        Epsilon = epsilon;
    }

    /// <summary>
    /// Coefficients for step <paramref name="step"/> (counted from 1): α_t = lr · √(1 − β2^t) / (1 − β1^t),
    /// computed in double and rounded once.
    /// </summary>
    public static AdamCoefficients ForStep(long step, float learningRate, float beta1, float beta2, float epsilon)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(step, 1L);
        double t = step;
        double alpha = learningRate * Math.Sqrt(1.0 - Math.Pow(beta2, t)) / (1.0 - Math.Pow(beta1, t));
        return new AdamCoefficients((float)alpha, beta1, beta2, epsilon);
    }

    /// <inheritdoc />
    public override string ToString() => $"Adam(α={Alpha:G6}, β1={Beta1}, β2={Beta2}, ε={Epsilon:G3})";
}
