using HybridRec.Model.Backends;

namespace HybridRec.Model.Scoring;

/// <summary>The ranking row's fold-in by quasi-Newton: an exact Newton step from zero out of a cached prior, then BFGS.</summary>
internal sealed partial class MemberScorer
{
    private RankPrior? _rankPrior;

    /// <summary>
    /// The full softmax's moments at p3 = 0 over all items, with weights w[m] = e^{r[m] − max r}: Z0 = Σ w, S1 = Σ w·Q3[m]
    /// (Er) and S2 = Σ w·Q3[m]·Q3[m]ᵀ (Er×Er), in double. Built once per member on first use (M·Er², milliseconds) and read
    /// lock-free after; two threads racing build equal values.
    /// </summary>
    internal sealed record RankPrior(double Max, double Z0, double[] S1, double[] S2);

    private RankPrior Prior => LazyInitializer.EnsureInitialized(ref _rankPrior, BuildRankPrior);

    /// <summary>Builds the cached <see cref="RankPrior"/> now (with a ranking head), so no fold-in request pays for it.</summary>
    public void PrepareFoldIn()
    {
        if (_er > 0) _ = Prior;
    }

    private RankPrior BuildRankPrior()
    {
        int er = _er, count = Items;
        var p = _parameters.AsSpan();
        double max = double.NegativeInfinity;
        for (int m = 0; m < count; m++) max = Math.Max(max, p[_itemRankBias + m]);
        double z = 0;
        var s1 = new double[er];
        var s2 = new double[er * er];
        for (int m = 0; m < count; m++)
        {
            double w = Math.Exp(p[_itemRankBias + m] - max);
            var q = p.Slice(_itemRank + m * er, er);
            z += w;
            for (int i = 0; i < er; i++)
            {
                double wq = w * q[i];
                s1[i] += wq;
                for (int j = 0; j <= i; j++) s2[i * er + j] += wq * q[j];
            }
        }
        for (int i = 0; i < er; i++)
            for (int j = 0; j < i; j++) s2[j * er + i] = s2[i * er + j];
        return new RankPrior(max, z, s1, s2);
    }

    /// <summary>
    /// Minimises the objective of <see cref="FitRankRow"/> (convex in p3) by a quasi-Newton method: the loss, gradient and
    /// exact Hessian at p3 = 0 come from the cached <see cref="RankPrior"/> minus the rated items' terms (O(k·Er²), no pass
    /// over the items), which gives an exact Newton first step; each later iteration is one pass over the items (2·M·Er,
    /// <see cref="RankLossAndGradient"/>) with a BFGS update of the inverse Hessian that starts from the Hessian at zero
    /// and a backtracking (Armijo) line search. Stops when the estimated distance to the optimum gᵀ·B·g/2 is at most
    /// <paramref name="tolerance"/> or after <paramref name="maxPasses"/> passes; with <paramref name="maxPasses"/> 0 it is the
    /// unchecked Newton step from zero (no pass at all; the final loss is then the quadratic model's). Deterministic
    /// (sequential, fixed order).
    /// </summary>
    public (float[] Row, double InitialLoss, double FinalLoss, int Passes) FitRankRowNewton(ReadOnlySpan<int> items, float l2, int maxPasses, double tolerance)
    {
        int er = _er, k = items.Length, count = Items;
        var row = new float[er];
        if (er == 0 || k == 0) return (row, 0, 0, 0);
        var p = _parameters.AsSpan();
        var prior = Prior;
        var rated = new bool[count];
        foreach (int m in items) rated[m] = true;
        var positives = items.ToArray();

        // Z, S1, S2 over the unrated items at p3 = 0.
        double z = prior.Z0;
        var s1 = (double[])prior.S1.Clone();
        var s2 = (double[])prior.S2.Clone();
        foreach (int m in positives) AddMoment(-Math.Exp(p[_itemRankBias + m] - prior.Max), p.Slice(_itemRank + m * er, er), ref z, s1, s2, er);
        // Loss, gradient and Hessian at 0: per positive c, D = Z + w_c, μ = (S1 + w_c·q_c)/D, g += μ − q_c, H += (S2 + w_c·q_c·q_cᵀ)/D − μ·μᵀ.
        double loss = 0;
        var g = new double[er];
        var h = new double[er * er];
        var mu = new double[er];
        foreach (int c in positives)
        {
            double rc = p[_itemRankBias + c] - prior.Max, wc = Math.Exp(rc), d = z + wc;
            var q = p.Slice(_itemRank + c * er, er);
            loss += Math.Log(d) - rc;
            for (int i = 0; i < er; i++)
            {
                mu[i] = (s1[i] + wc * q[i]) / d;
                g[i] += mu[i] - q[i];
            }
            for (int i = 0; i < er; i++)
                for (int j = 0; j < er; j++)
                    h[i * er + j] += (s2[i * er + j] + wc * q[i] * q[j]) / d - mu[i] * mu[j];
        }
        loss /= k;
        for (int i = 0; i < er; i++)
        {
            g[i] /= k;
            for (int j = 0; j < er; j++) h[i * er + j] /= k;
            h[i * er + i] += 2 * l2;
        }
        double initial = loss;
        var b = SymmetricSolver.Inverse(h, er);   // the inverse Hessian estimate (Er×Er)
        var direction = new double[er];
        if (maxPasses == 0)
        {
            // The exact Newton step from zero, unchecked: the loss reported is the quadratic model's, L(0) − gᵀ·H⁻¹·g/2.
            double decrement0 = NewtonDirection(b, g, direction, er);
            for (int i = 0; i < er; i++) row[i] = (float)direction[i];
            return (row, initial, initial - decrement0 / 2, 0);
        }

        var scores = new float[count];
        var weighted = new double[er];
        var gradient = new float[er];
        var point = new double[er];
        var trial = new double[er];
        var gNew = new double[er];
        var by = new double[er];
        int passes = 0;
        while (passes < maxPasses)
        {
            // gᵀ·B·g / 2 estimates the distance to the optimum.
            double decrement = NewtonDirection(b, g, direction, er);
            if (!(decrement / 2 > tolerance)) break;
            double t = 1, lossNew = double.NaN;
            bool accepted = false;
            while (passes < maxPasses)
            {
                for (int i = 0; i < er; i++)
                {
                    trial[i] = point[i] + t * direction[i];
                    row[i] = (float)trial[i];
                }
                lossNew = RankLossAndGradient(row, positives, rated, l2, scores, weighted, gradient);
                passes++;
                if (lossNew <= loss - 1e-4 * t * decrement) { accepted = true; break; }
                t *= 0.5;
            }
            if (!accepted) break;
            // BFGS update of the inverse Hessian with s = trial − point, y = g_new − g: B ← (I − ρ·s·yᵀ)·B·(I − ρ·y·sᵀ) + ρ·s·sᵀ.
            double sy = 0, yby = 0;
            for (int i = 0; i < er; i++)
            {
                gNew[i] = gradient[i];
                sy += (trial[i] - point[i]) * (gNew[i] - g[i]);
            }
            if (sy > 1e-12)
            {
                for (int i = 0; i < er; i++)
                {
                    double s = 0;
                    for (int j = 0; j < er; j++) s += b[i * er + j] * (gNew[j] - g[j]);
                    by[i] = s;
                    yby += (gNew[i] - g[i]) * s;
                }
                double rho = 1 / sy, scale = (1 + rho * yby) * rho;
                for (int i = 0; i < er; i++)
                {
                    double si = trial[i] - point[i];
                    for (int j = 0; j < er; j++)
                    {
                        double sj = trial[j] - point[j];
                        b[i * er + j] += scale * si * sj - rho * (by[i] * sj + si * by[j]);
                    }
                }
            }
            Array.Copy(trial, point, er);
            Array.Copy(gNew, g, er);
            loss = lossNew;
        }
        for (int i = 0; i < er; i++) row[i] = (float)point[i];
        return (row, initial, loss, passes);
    }

    /// <summary>The quasi-Newton direction d = −B·g into <paramref name="direction"/> (Er); returns the decrement gᵀ·B·g.</summary>
    private static double NewtonDirection(double[] b, double[] g, double[] direction, int er)
    {
        double decrement = 0;
        for (int i = 0; i < er; i++)
        {
            double s = 0;
            for (int j = 0; j < er; j++) s -= b[i * er + j] * g[j];
            direction[i] = s;
            decrement -= g[i] * s;
        }
        return decrement;
    }

    private static void AddMoment(double w, ReadOnlySpan<float> q, ref double z, double[] s1, double[] s2, int er)
    {
        z += w;
        for (int i = 0; i < er; i++)
        {
            double wq = w * q[i];
            s1[i] += wq;
            for (int j = 0; j < er; j++) s2[i * er + j] += wq * q[j];
        }
    }
}
