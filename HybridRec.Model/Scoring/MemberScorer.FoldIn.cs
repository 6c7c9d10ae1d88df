using HybridRec.Model.Backends;
using HybridRec.Model.ColdStart;
using HybridRec.Model.Parameters;

namespace HybridRec.Model.Scoring;

/// <summary>Cold start in the serving form: fitting a new user's rows against the frozen item terms, and scoring new users and new items.</summary>
internal sealed partial class MemberScorer
{
    /// <summary>
    /// Fits a new user's per-user rows — p1 (user_cf), p2 (user_nn) and bu (user_bias, with biases) — to the normalised
    /// <paramref name="targets"/> of item indices <paramref name="items"/>, everything else frozen, from zero rows, on
    /// <code>
    /// L = 1/k Σ_i (y(u, m_i) − t_i)² + λ·(|p1|² + |p2|² + bu²)
    /// y(u, m) = wz·(p1·Q1[m]) + Σ_o won[o]·ReLU(a[o] + b[m, o]) + bu + <paramref name="userTowers"/> + cm[m],   a = bn + Wn[:, :E]·p2
    /// </code>
    /// (the serving form's precomputed b and cm): by Gauss-Newton (<see cref="FitRatingRowsNewton"/>) or, with
    /// <see cref="FoldInSolver.Adam"/>, full-batch Adam (<see cref="FitRatingRowsAdam"/>). With a ranking head the user_rank
    /// row p3 is fitted after them (<see cref="FitRankRowNewton"/> or <see cref="FitRankRow"/>). The returned losses are the
    /// rating rows'.
    /// </summary>
    public (UserRows Rows, double InitialLoss, double FinalLoss) FitUser(ParameterLayout layout, ReadOnlySpan<int> items, ReadOnlySpan<float> targets,
        float userTowers, float l2, float rankL2, FoldInOptions options)
    {
        var (theta, initial, final) = FitRatingRows(layout, items, targets, userTowers, l2, options);
        var rank = FitRank(items, rankL2, options);
        return (Rows(layout, theta, new float[_hn], userTowers, rank), initial, final);
    }

    /// <summary>The rating rows θ = [p1, p2, bu] of <see cref="FitUser"/> by <paramref name="options"/>' solver, with the loss before and after.</summary>
    internal (float[] Theta, double InitialLoss, double FinalLoss) FitRatingRows(ParameterLayout layout, ReadOnlySpan<int> items, ReadOnlySpan<float> targets,
        float userTowers, float l2, FoldInOptions options)
    {
        if (options.Solver == FoldInSolver.Adam) return FitRatingRowsAdam(layout, items, targets, userTowers, l2, options);
        var fit = FitRatingRowsNewton(layout, items, targets, userTowers, l2, options.MaxIterations);
        return (fit.Theta, fit.InitialLoss, fit.FinalLoss);
    }

    /// <summary>The ranking row p3 of <see cref="FitUser"/> by <paramref name="options"/>' solver (empty without a head).</summary>
    internal float[] FitRank(ReadOnlySpan<int> items, float rankL2, FoldInOptions options)
    {
        if (_er == 0) return [];
        return options.Solver == FoldInSolver.Adam
            ? FitRankRow(items, rankL2, options).Row
            : FitRankRowNewton(items, rankL2, options.MaxRankingPasses, options.RankingTolerance).Row;
    }

    /// <summary>The rating rows of <see cref="FitUser"/> by full-batch Adam from zero (<see cref="FoldInOptions.Steps"/> steps, <see cref="FoldInOptions.LearningRate"/>); each step costs k·(E + Hn) + 2E·Hn.</summary>
    internal (float[] Theta, double InitialLoss, double FinalLoss) FitRatingRowsAdam(ParameterLayout layout, ReadOnlySpan<int> items, ReadOnlySpan<float> targets,
        float userTowers, float l2, FoldInOptions options)
    {
        int e = _e, hn = _hn, k = items.Length;
        bool bias = layout.HasBiases;
        var theta = new float[2 * e + (bias ? 1 : 0)];   // [p1 (E), p2 (E), bu]
        var grad = new float[theta.Length];
        var m1 = new float[theta.Length];
        var m2 = new float[theta.Length];
        var a = new float[hn];
        var ga = new float[hn];
        if (k == 0) return (theta, 0, 0);

        double initial = LossAndGradient(layout, theta, items, targets, userTowers, l2, a, ga, grad);
        double b1t = 1, b2t = 1;
        for (int step = 0; step < options.Steps; step++)
        {
            if (step > 0) LossAndGradient(layout, theta, items, targets, userTowers, l2, a, ga, grad);
            AdamStep(theta, grad, m1, m2, options.LearningRate, ref b1t, ref b2t);
        }
        double final = LossAndGradient(layout, theta, items, targets, userTowers, l2, a, ga, grad);
        return (theta, initial, final);
    }

    /// <summary>The objective of <see cref="FitUser"/> at <paramref name="theta"/> and its gradient (into <paramref name="grad"/>); <paramref name="a"/> and <paramref name="ga"/> are scratch (Hn).</summary>
    internal double LossAndGradient(ParameterLayout layout, float[] theta, ReadOnlySpan<int> items, ReadOnlySpan<float> targets, float userTowers, float l2,
        float[] a, float[] ga, float[] grad)
    {
        int e = _e, hn = _hn, k = items.Length;
        var p = _parameters.AsSpan();
        var p1 = theta.AsSpan(0, e);
        float bu = layout.HasBiases ? theta[2 * e] : 0f;
        UserHidden(layout, theta.AsSpan(e, e), a);
        Array.Clear(grad);
        Array.Clear(ga);
        var gp1 = grad.AsSpan(0, e);
        double loss = 0, gbu = 0;
        for (int i = 0; i < k; i++)
        {
            int m = items[i];
            var q1 = p.Slice(_itemCf + m * e, e);
            var b = _itemHidden.AsSpan(m * hn, hn);
            float y = _wz * VectorMath<float>.Dot(p1, q1) + VectorMath<float>.ReluSumDot(a, b, _won) + bu + userTowers + _itemConst[m];
            float err = y - targets[i];
            loss += (double)err * err;
            float r = 2f * err / k;                      // dL/dy
            VectorMath<float>.Axpy(r * _wz, q1, gp1);    // dL/dp1 += r·wz·Q1[m]
            for (int o = 0; o < hn; o++)
                if (a[o] + b[o] > 0) ga[o] += r * _won[o];
            gbu += r;
        }
        // dL/dp2 = Wn[:, :E]ᵀ·dL/da                  // (E)
        var wn = p.Slice(layout.NnKernel.Offset, layout.NnKernel.Length);   // (Hn, 2E)
        var gp2 = grad.AsSpan(e, e);
        for (int o = 0; o < hn; o++)
            if (ga[o] != 0) VectorMath<float>.Axpy(ga[o], wn.Slice(o * 2 * e, e), gp2);
        if (layout.HasBiases) grad[2 * e] = (float)gbu;
        loss /= k;
        double norm = 0;
        for (int j = 0; j < theta.Length; j++)
        {
            norm += (double)theta[j] * theta[j];
            grad[j] += 2 * l2 * theta[j];
        }
        return loss + l2 * norm;
    }

    /// <summary>a = bn + Wn[:, :E]·<paramref name="p2"/>.  // (Hn)</summary>
    private void UserHidden(ParameterLayout layout, ReadOnlySpan<float> p2, Span<float> a)
    {
        var p = _parameters.AsSpan();
        var wn = p.Slice(layout.NnKernel.Offset, layout.NnKernel.Length);
        var bn = p.Slice(layout.NnBias.Offset, _hn);
        for (int o = 0; o < _hn; o++) a[o] = bn[o] + VectorMath<float>.Dot(wn.Slice(o * 2 * _e, _e), p2);
    }

    private UserRows Rows(ParameterLayout layout, float[] theta, float[] a, float userTowers, float[] rank)
    {
        var p2 = theta.AsSpan(_e, _e);
        UserHidden(layout, p2, a);
        float bu = layout.HasBiases ? theta[2 * _e] : 0f;
        return new UserRows(theta.AsSpan(0, _e).ToArray(), p2.ToArray(), bu, a.ToArray(), bu + userTowers, rank);
    }

    /// <summary>
    /// Fits the ranking head's user row p3 (Er) to the rated item indices <paramref name="items"/> as positives, the rest
    /// of the head frozen, by full-batch Adam from zero (the <see cref="FoldInSolver.Adam"/> reference;
    /// <see cref="FitRankRowNewton"/> minimises the same objective) on the full softmax over all M items (what training's
    /// sampled softmax with the logQ correction estimates), each positive's candidates being every item the user did not
    /// rate plus itself (training rejects negatives the user rated):
    /// <code>
    /// L = 1/k Σ_c [log(Σ_{m unrated} e^{s_m} + e^{s_c}) − s_c] + λ·|p3|²,   s_m = p3·Q3[m] + r[m]
    /// dL/dp3 = 1/k Σ_c [(Σ_{m unrated} e^{s_m} Q3[m] + e^{s_c} Q3[c]) / (Σ_{m unrated} e^{s_m} + e^{s_c}) − Q3[c]] + 2λ·p3
    /// </code>
    /// Each step costs 2·M·Er. Returns the row and the objective before and after.
    /// </summary>
    public (float[] Row, double InitialLoss, double FinalLoss) FitRankRow(ReadOnlySpan<int> items, float l2, FoldInOptions options)
    {
        int er = _er, k = items.Length, count = Items;
        var row = new float[er];
        if (er == 0 || k == 0) return (row, 0, 0);
        var rated = new bool[count];
        foreach (int m in items) rated[m] = true;
        var positives = items.ToArray();
        var grad = new float[er];
        var m1 = new float[er];
        var m2 = new float[er];
        var scores = new float[count];
        var weighted = new double[er];
        double b1t = 1, b2t = 1, initial = 0, final = 0;
        for (int step = 0; step <= options.RankingSteps; step++)
        {
            double loss = RankLossAndGradient(row, positives, rated, l2, scores, weighted, grad);
            if (step == 0) initial = loss;
            if (step == options.RankingSteps) { final = loss; break; }
            AdamStep(row, grad, m1, m2, options.LearningRate, ref b1t, ref b2t);
        }
        return (row, initial, final);
    }

    /// <summary>
    /// One full-batch Adam step (β1 0.9, β2 0.999, ε 1e-7) of the <see cref="FoldInSolver.Adam"/> reference fits on
    /// <paramref name="x"/> with moments <paramref name="m1"/>, <paramref name="m2"/>; <paramref name="b1t"/> and
    /// <paramref name="b2t"/> carry β1ᵗ and β2ᵗ from step to step.
    /// </summary>
    private static void AdamStep(float[] x, float[] grad, float[] m1, float[] m2, float lr, ref double b1t, ref double b2t)
    {
        const float b1 = 0.9f, b2 = 0.999f, eps = 1e-7f;
        b1t *= b1;
        b2t *= b2;
        float c1 = (float)(1 - b1t), c2 = (float)(1 - b2t);
        for (int j = 0; j < x.Length; j++)
        {
            m1[j] = b1 * m1[j] + (1 - b1) * grad[j];
            m2[j] = b2 * m2[j] + (1 - b2) * grad[j] * grad[j];
            x[j] -= lr * (m1[j] / c1) / (MathF.Sqrt(m2[j] / c2) + eps);
        }
    }

    /// <summary>The objective of <see cref="FitRankRow"/> at <paramref name="row"/> and its gradient; the other arrays are scratch.</summary>
    internal double RankLossAndGradient(float[] row, int[] positives, bool[] rated, float l2, float[] scores, double[] weighted, float[] grad)
    {
        int er = _er, count = Items;
        var p = _parameters.AsSpan();
        float max = float.NegativeInfinity;
        for (int m = 0; m < count; m++)
        {
            scores[m] = VectorMath<float>.Dot(row, p.Slice(_itemRank + m * er, er)) + p[_itemRankBias + m];
            max = MathF.Max(max, scores[m]);
        }
        // Σ over the unrated items of e^{s − max} (in double) and of e^{s − max}·Q3[m] (vectorised, in float).
        double z = 0;
        var sum = new float[er];
        for (int m = 0; m < count; m++)
        {
            if (rated[m]) continue;
            float w = MathF.Exp(scores[m] - max);
            z += w;
            VectorMath<float>.Axpy(w, p.Slice(_itemRank + m * er, er), sum);
        }
        for (int j = 0; j < er; j++) weighted[j] = sum[j];
        double loss = 0;
        var g = new double[er];
        foreach (int c in positives)
        {
            double wc = Math.Exp(scores[c] - max), denominator = z + wc;
            loss += Math.Log(denominator) + max - scores[c];
            var q = p.Slice(_itemRank + c * er, er);
            for (int j = 0; j < er; j++) g[j] += (weighted[j] + wc * q[j]) / denominator - q[j];
        }
        double norm = 0;
        for (int j = 0; j < er; j++)
        {
            grad[j] = (float)(g[j] / positives.Length + 2 * l2 * row[j]);
            norm += (double)row[j] * row[j];
        }
        return loss / positives.Length + l2 * norm;
    }

    /// <summary>Unclipped normalised predicted rating of the folded-in <paramref name="user"/> for item index <paramref name="item"/>.</summary>
    public float FoldedRating(UserRows user, int item)
    {
        if ((uint)item >= (uint)Items) throw new ArgumentOutOfRangeException(nameof(item), item, $"item index must be in [0, {Items}).");
        var p = _parameters.AsSpan();
        float z = VectorMath<float>.Dot(user.Cf, p.Slice(_itemCf + item * _e, _e));
        float h = VectorMath<float>.ReluSumDot(user.Hidden, _itemHidden.AsSpan(item * _hn, _hn), _won);
        return _wz * z + h + user.Constant + _itemConst[item];
    }

    /// <summary>
    /// The ranking score of item index <paramref name="item"/> for the folded-in <paramref name="user"/> (see
    /// <see cref="Score(int, int)"/>): p3·Q3[m] + r[m] (plus β·<see cref="FoldedRating"/> with a rating blend) with a
    /// ranking head, the unclipped normalised rating without.
    /// </summary>
    public float FoldedScore(UserRows user, int item)
    {
        if (_er == 0) return FoldedRating(user, item);
        if ((uint)item >= (uint)Items) throw new ArgumentOutOfRangeException(nameof(item), item, $"item index must be in [0, {Items}).");
        var p = _parameters.AsSpan();
        float head = VectorMath<float>.Dot(user.Rank, p.Slice(_itemRank + item * _er, _er)) + p[_itemRankBias + item];
        return _ratingBlend == 0f ? head : head + _ratingBlend * FoldedRating(user, item);
    }

    /// <summary>
    /// Unclipped normalised predicted rating of user index <paramref name="user"/> for a new item whose constant term is
    /// <paramref name="itemConstant"/> (<see cref="NewItemConstant"/>): its embeddings are zero, so z = 0 and b = 0.
    /// </summary>
    public float PredictNewItem(int user, float itemConstant)
    {
        if ((uint)user >= (uint)Users) throw new ArgumentOutOfRangeException(nameof(user), user, $"user index must be in [0, {Users}).");
        return NewItemRating(_userHidden.AsSpan(user * _hn, _hn), _userConst[user], itemConstant);
    }

    /// <summary>As <see cref="PredictNewItem(int, float)"/> for a folded-in user.</summary>
    public float PredictNewItem(UserRows user, float itemConstant) => NewItemRating(user.Hidden, user.Constant, itemConstant);

    private float NewItemRating(ReadOnlySpan<float> userHidden, float userConstant, float itemConstant)
    {
        float h = 0;
        for (int o = 0; o < _hn; o++) h += _won[o] * MathF.Max(userHidden[o], 0f);
        return h + userConstant + itemConstant;
    }

    /// <summary>
    /// cm of a new item: bo + Σ item towers w_g·h_g over <paramref name="towerFeatures"/> (one list of vocabulary indices
    /// per item tower, in tower order) + μ with biases (its item bias is zero).
    /// </summary>
    public float NewItemConstant(ParameterLayout layout, IReadOnlyList<int[]> towerFeatures, float globalOffset)
    {
        var p = _parameters.AsSpan();
        float c = p[layout.OutBias.Offset] + Towers(layout, layout.ItemTowers, towerFeatures);
        return layout.HasBiases ? c + globalOffset : c;
    }

    /// <summary>Σ user towers w_g·h_g of a new user with <paramref name="towerFeatures"/> (one list of vocabulary indices per user tower).</summary>
    public float NewUserTowers(ParameterLayout layout, IReadOnlyList<int[]> towerFeatures) => Towers(layout, layout.UserTowers, towerFeatures);

    private float Towers(ParameterLayout layout, IReadOnlyList<TowerLayout> towers, IReadOnlyList<int[]> features)
    {
        var p = _parameters.AsSpan();
        var wo = p.Slice(layout.OutKernel.Offset, layout.ConcatWidth);
        float c = 0;
        for (int i = 0; i < towers.Count; i++)
        {
            var t = towers[i];
            var h = new float[t.Width];
            CpuNetwork<float>.Bag(p.Slice(t.Kernel.Offset, t.Kernel.Length), p.Slice(t.Bias.Offset, t.Width), [0, features[i].Length], features[i], 0, h);
            c += VectorMath<float>.Dot(wo.Slice(t.ConcatColumn, t.Width), h);
        }
        return c;
    }
}
