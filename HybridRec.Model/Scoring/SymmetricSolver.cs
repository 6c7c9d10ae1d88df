namespace HybridRec.Model.Scoring;

/// <summary>Solves small symmetric positive-definite systems (the fold-in's Newton steps) in double by Cholesky.</summary>
internal static class SymmetricSolver
{
    /// <summary>
    /// Factors <paramref name="a"/> (n×n, row-major, symmetric; overwritten by its lower Cholesky factor) in place. A matrix
    /// that is only semi-definite (a ridge of 0) gets a jitter of 1e-10·mean diagonal (+1e-300) on its diagonal, repeated ×10
    /// until it factors. Deterministic.
    /// </summary>
    public static void Factor(double[] a, int n)
    {
        var copy = (double[])a.Clone();
        double mean = 0;
        for (int i = 0; i < n; i++) mean += Math.Abs(a[i * n + i]);
        mean = n == 0 ? 0 : mean / n;
        double jitter = 0;
        for (int attempt = 0; attempt < 30; attempt++)
        {
            if (attempt > 0)
            {
                Array.Copy(copy, a, copy.Length);
                jitter = jitter == 0 ? 1e-10 * mean + 1e-300 : jitter * 10;
                for (int i = 0; i < n; i++) a[i * n + i] += jitter;
            }
            if (TryFactor(a, n)) return;
        }
        throw new InvalidOperationException("the fold-in's Newton system is not positive definite.");
    }

    private static bool TryFactor(double[] a, int n)
    {
        for (int j = 0; j < n; j++)
        {
            double d = a[j * n + j];
            for (int k = 0; k < j; k++) d -= a[j * n + k] * a[j * n + k];
            if (!(d > 0) || double.IsInfinity(d)) return false;
            double l = Math.Sqrt(d);
            a[j * n + j] = l;
            for (int i = j + 1; i < n; i++)
            {
                double s = a[i * n + j];
                for (int k = 0; k < j; k++) s -= a[i * n + k] * a[j * n + k];
                a[i * n + j] = s / l;
            }
        }
        return true;
    }

    /// <summary>Solves L·Lᵀ·x = <paramref name="b"/> in place with the factor of <see cref="Factor"/>.</summary>
    public static void Solve(double[] factor, int n, Span<double> b)
    {
        for (int i = 0; i < n; i++)
        {
            double s = b[i];
            for (int k = 0; k < i; k++) s -= factor[i * n + k] * b[k];
            b[i] = s / factor[i * n + i];
        }
        for (int i = n - 1; i >= 0; i--)
        {
            double s = b[i];
            for (int k = i + 1; k < n; k++) s -= factor[k * n + i] * b[k];
            b[i] = s / factor[i * n + i];
        }
    }

    /// <summary>The inverse of the symmetric positive-definite <paramref name="a"/> (n×n; <paramref name="a"/> is overwritten by its factor).</summary>
    public static double[] Inverse(double[] a, int n)
    {
        Factor(a, n);
        var inverse = new double[n * n];
        var column = new double[n];
        for (int j = 0; j < n; j++)
        {
            Array.Clear(column);
            column[j] = 1;
            Solve(a, n, column);
            for (int i = 0; i < n; i++) inverse[i * n + j] = column[i];
        }
        // Symmetrise (rounding leaves the two triangles a few ulps apart).
        for (int i = 0; i < n; i++)
            for (int j = 0; j < i; j++)
                inverse[i * n + j] = inverse[j * n + i] = 0.5 * (inverse[i * n + j] + inverse[j * n + i]);
        return inverse;
    }

    /// <summary>
    /// Adds one observation (row <paramref name="x"/> of X, target <paramref name="r"/>) to the normal equations of a
    /// least-squares fit: the lower triangle of XᵀX into <paramref name="system"/> (d×d, d = |x|) and Xᵀr into <paramref name="vector"/>.
    /// </summary>
    public static void AddObservation(ReadOnlySpan<double> x, double r, double[] system, double[] vector)
    {
        int d = x.Length;
        for (int l = 0; l < d; l++)
        {
            vector[l] += x[l] * r;
            for (int j = 0; j <= l; j++) system[l * d + j] += x[l] * x[j];
        }
    }

    /// <summary>
    /// Solves the ridge regression (XᵀX + <paramref name="ridge"/>·I)·θ = Xᵀr from the normal equations
    /// <see cref="AddObservation"/> built (the upper triangle is completed here); θ replaces <paramref name="vector"/>,
    /// <paramref name="system"/> its factor.
    /// </summary>
    public static void SolveRidge(double[] system, double[] vector, int d, double ridge)
    {
        for (int l = 0; l < d; l++)
        {
            for (int j = 0; j < l; j++) system[j * d + l] = system[l * d + j];
            system[l * d + l] += ridge;
        }
        Factor(system, d);
        Solve(system, d, vector);
    }
}
