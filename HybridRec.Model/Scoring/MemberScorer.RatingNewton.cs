using HybridRec.Model.Backends;
using HybridRec.Model.Parameters;

namespace HybridRec.Model.Scoring;

/// <summary>The rating rows' fold-in by Gauss-Newton: the prediction is piecewise linear in the user's rows.</summary>
internal sealed partial class MemberScorer
{
    /// <summary>
    /// Minimises the objective of <see cref="FitUser"/> over θ = [p1, p2, bu] by Gauss-Newton from zero. With the ReLU
    /// pattern of the neural branch fixed, y(u, m_i) = x_i·θ + c_i is linear in θ:
    /// <code>
    /// x_i = [wz·Q1[m_i], Σ_o won[o]·1[a_o + b_io > 0]·Wn[o, :E], 1]      c_i = Σ_o won[o]·1[…]·(bn[o] + b_io) + towers + cm[m_i]
    /// </code>
    /// so the loss is a ridge regression there, solved exactly — in its k×k dual form (X·Xᵀ + kλ·I)·α = t − c, θ = Xᵀ·α
    /// when k is below the row width, else the primal (XᵀX + kλ·I)·θ = Xᵀ(t − c) — and the step to that solution is
    /// halved until the loss does not rise (the pattern may change on the way). Stops when a full step keeps the pattern
    /// (θ is then the exact minimum of its linear region: a local minimum), when an iteration lowers the loss by at most 1e-5 of it, or after
    /// <paramref name="maxIterations"/> iterations. Each costs k·Hn·E + k²·(2E + 1) (dual) plus a loss evaluation.
    /// Returns θ and the loss before and after.
    /// </summary>
    public (float[] Theta, double InitialLoss, double FinalLoss, int Iterations) FitRatingRowsNewton(ParameterLayout layout, ReadOnlySpan<int> items,
        ReadOnlySpan<float> targets, float userTowers, float l2, int maxIterations)
    {
        int e = _e, hn = _hn, k = items.Length;
        bool bias = layout.HasBiases;
        int d = 2 * e + (bias ? 1 : 0);
        var theta = new float[d];
        var a = new float[hn];
        var ga = new float[hn];
        var grad = new float[d];
        if (k == 0) return (theta, 0, 0, 0);
        var p = _parameters.AsSpan();
        var wn = p.Slice(layout.NnKernel.Offset, layout.NnKernel.Length);   // (Hn, 2E)
        var bn = p.Slice(layout.NnBias.Offset, hn);

        double loss = LossAndGradient(layout, theta, items, targets, userTowers, l2, a, ga, grad), initial = loss;
        var x = new double[k * d];        // (k, d)
        var rhs = new double[k];          // t − c
        var pattern = new bool[k * hn];   // the ReLU pattern x and c were built with
        var solution = new double[d];
        var trial = new float[d];
        int n = k < d ? k : d;
        var system = new double[n * n];
        var vector = new double[n];
        int iterations = 0;
        while (iterations < maxIterations)
        {
            iterations++;
            // x_i and t_i − c_i under the current pattern.
            Array.Clear(x);
            for (int i = 0; i < k; i++)
            {
                int m = items[i];
                var xi = x.AsSpan(i * d, d);
                var q1 = p.Slice(_itemCf + m * e, e);
                var b = _itemHidden.AsSpan(m * hn, hn);
                for (int j = 0; j < e; j++) xi[j] = _wz * q1[j];
                double c = userTowers + _itemConst[m];
                for (int o = 0; o < hn; o++)
                {
                    bool on = a[o] + b[o] > 0;
                    pattern[i * hn + o] = on;
                    if (!on) continue;
                    c += _won[o] * ((double)bn[o] + b[o]);
                    var w = wn.Slice(o * 2 * e, e);
                    for (int j = 0; j < e; j++) xi[e + j] += _won[o] * w[j];
                }
                if (bias) xi[2 * e] = 1;
                rhs[i] = targets[i] - c;
            }
            // The ridge solution θ* of the linear model.
            Array.Clear(system);
            double ridge = k * (double)l2;
            if (k < d)
            {
                for (int i = 0; i < k; i++)
                    for (int j = 0; j <= i; j++)
                    {
                        double s = 0;
                        for (int l = 0; l < d; l++) s += x[i * d + l] * x[j * d + l];
                        system[i * k + j] = system[j * k + i] = s;
                    }
                for (int i = 0; i < k; i++) { system[i * k + i] += ridge; vector[i] = rhs[i]; }
                SymmetricSolver.Factor(system, k);
                SymmetricSolver.Solve(system, k, vector);
                Array.Clear(solution);
                for (int i = 0; i < k; i++)
                    for (int l = 0; l < d; l++) solution[l] += x[i * d + l] * vector[i];
            }
            else
            {
                Array.Clear(vector);
                for (int i = 0; i < k; i++) SymmetricSolver.AddObservation(x.AsSpan(i * d, d), rhs[i], system, vector);
                SymmetricSolver.SolveRidge(system, vector, d, ridge);
                Array.Copy(vector, solution, d);
            }
            // Step towards θ*, halved until the loss does not rise.
            double t = 1, lossNew = double.NaN;
            bool accepted = false;
            for (int halving = 0; halving < 30; halving++, t *= 0.5)
            {
                for (int j = 0; j < d; j++) trial[j] = (float)(theta[j] + t * (solution[j] - theta[j]));
                lossNew = LossAndGradient(layout, trial, items, targets, userTowers, l2, a, ga, grad);
                if (lossNew <= loss) { accepted = true; break; }
            }
            if (!accepted)
            {
                UserHidden(layout, theta.AsSpan(e, e), a);
                break;
            }
            Array.Copy(trial, theta, d);
            bool converged = loss - lossNew <= RelativeTolerance * loss;
            loss = lossNew;
            if (converged || t == 1 && SamePattern(items, a, pattern)) break;
        }
        loss = PolishLinearRows(layout, items, targets, userTowers, l2, theta, loss, a, ga, grad);
        return (theta, initial, loss, iterations);
    }

    /// <summary>
    /// The exact minimum over the linear rows [p1, bu] with p2 held (the ReLU terms are then constants, so this part is a
    /// plain ridge regression without kinks): where Gauss-Newton stopped on a kink of the ReLU pattern, it leaves the
    /// linear rows optimal. Replaces <paramref name="theta"/>'s p1 and bu when that lowers the loss; returns the loss.
    /// </summary>
    private double PolishLinearRows(ParameterLayout layout, ReadOnlySpan<int> items, ReadOnlySpan<float> targets, float userTowers, float l2,
        float[] theta, double loss, float[] a, float[] ga, float[] grad)
    {
        int e = _e, hn = _hn, k = items.Length;
        bool bias = layout.HasBiases;
        int d = e + (bias ? 1 : 0);
        var p = _parameters.AsSpan();
        UserHidden(layout, theta.AsSpan(e, e), a);
        var system = new double[d * d];
        var vector = new double[d];
        var x = new double[d];
        for (int i = 0; i < k; i++)
        {
            int m = items[i];
            var q1 = p.Slice(_itemCf + m * e, e);
            double rest = targets[i] - (VectorMath<float>.ReluSumDot(a, _itemHidden.AsSpan(m * hn, hn), _won) + userTowers + _itemConst[m]);
            for (int j = 0; j < e; j++) x[j] = _wz * q1[j];
            if (bias) x[e] = 1;
            SymmetricSolver.AddObservation(x, rest, system, vector);
        }
        SymmetricSolver.SolveRidge(system, vector, d, k * (double)l2);
        var trial = (float[])theta.Clone();
        for (int j = 0; j < e; j++) trial[j] = (float)vector[j];
        if (bias) trial[2 * e] = (float)vector[e];
        double polished = LossAndGradient(layout, trial, items, targets, userTowers, l2, a, ga, grad);
        if (!(polished < loss)) return loss;
        Array.Copy(trial, theta, theta.Length);
        return polished;
    }

    /// <summary>The rating rows' Gauss-Newton stops once an iteration lowers the loss by at most this share of it.</summary>
    internal const double RelativeTolerance = 1e-5;

    /// <summary>Whether the ReLU pattern at hidden pre-activations <paramref name="a"/> is <paramref name="pattern"/>.</summary>
    private bool SamePattern(ReadOnlySpan<int> items, float[] a, bool[] pattern)
    {
        int hn = _hn;
        for (int i = 0; i < items.Length; i++)
        {
            var b = _itemHidden.AsSpan(items[i] * hn, hn);
            for (int o = 0; o < hn; o++)
                if (a[o] + b[o] > 0 != pattern[i * hn + o]) return false;
        }
        return true;
    }
}
