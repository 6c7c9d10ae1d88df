using HybridRec.Data;
using HybridRec.Model.Backends;
using HybridRec.Model.Parameters;

namespace HybridRec.Model.Scoring;

/// <summary>
/// The serving form of one trained parameter set. The network's output (docs/design.md §1) is rewritten as
/// <code>
/// y(u, m) = wz·(P1[u]·Q1[m]) + Σ_o won[o]·ReLU(a[u, o] + b[m, o]) + cu[u] + cm[m]
/// a[u, :] = bn + Wn[:, :E]·P2[u]                       // (U, Hn), once per user
/// b[m, :] = Wn[:, E:]·Q2[m]                            // (M, Hn), once per item
/// cu[u]   = bu[u] + Σ_user towers w_g·h_g(u)           // user bias and user towers
/// cm[m]   = bo + Σ_item towers w_g·h_g(m) + bm[m] + μ  // item towers, item bias, offsets
/// </code>
/// so a prediction costs E + 2·Hn operations instead of the 2E·Hn of the neural branch's Dense layer. That is what
/// makes scoring the whole catalogue for a user (recommendation, ranking metrics) cheap. With a ranking head the
/// ranking score is s(u, m) = P3[u]·Q3[m] + r[m] (Er operations), plus β·y(u, m) when the model blends in its predicted
/// rating (<see cref="HybridModelOptions.RankingRatingBlend"/>). It equals the network's
/// forward pass up to float rounding (the tests compare it with the CPU reference). Immutable, thread-safe.
/// </summary>
internal sealed partial class MemberScorer
{
    private readonly float[] _parameters;
    private readonly int _e, _hn, _userCf, _itemCf;
    private readonly int _er, _userRank, _itemRank, _itemRankBias;   // ranking head (Er = 0: none)
    private readonly float _wz;
    private readonly float _ratingBlend;     // β of the ranking score (0: the head alone)
    private readonly float[] _won;           // (Hn)
    private readonly float[] _userHidden;    // (U, Hn)
    private readonly float[] _itemHidden;    // (M, Hn)
    private readonly float[] _userConst;     // (U)
    private readonly float[] _itemConst;     // (M)

    /// <summary>
    /// Precomputes the per-user and per-item terms of <paramref name="parameters"/> (layout order); the feature groups are
    /// those of the layout's towers; <paramref name="ratingBlend"/> is β of the ranking score (used only with a ranking head).
    /// </summary>
    public MemberScorer(ParameterLayout layout, float[] parameters, FeatureGroupCollection itemFeatures, FeatureGroupCollection userFeatures, float globalOffset,
        float ratingBlend = 0f)
    {
        ArgumentNullException.ThrowIfNull(layout);
        ArgumentNullException.ThrowIfNull(parameters);
        if (parameters.Length != layout.Count) throw new ArgumentException($"expected {layout.Count} parameters, got {parameters.Length}.");
        var d = layout.Dimensions;
        _parameters = parameters;
        _e = layout.E;
        _hn = layout.Hn;
        _userCf = layout.UserCf.Offset;
        _itemCf = layout.ItemCf.Offset;
        _er = layout.Er;
        _ratingBlend = ratingBlend;
        if (layout.HasRankingHead)
        {
            _userRank = layout.UserRank!.Offset;
            _itemRank = layout.ItemRank!.Offset;
            _itemRankBias = layout.ItemRankBias!.Offset;
        }
        var p = parameters.AsSpan();
        var wo = p.Slice(layout.OutKernel.Offset, layout.ConcatWidth);
        _wz = wo[layout.ConcatDotColumn];
        _won = wo.Slice(layout.ConcatNnColumn, _hn).ToArray();

        var wn = p.Slice(layout.NnKernel.Offset, layout.NnKernel.Length);   // (Hn, 2E)
        var bn = p.Slice(layout.NnBias.Offset, _hn);
        _userHidden = new float[(long)d.Users * _hn <= Array.MaxLength ? d.Users * _hn : throw new ArgumentException("too many users for the scorer.")];
        for (int u = 0; u < d.Users; u++)
        {
            var p2 = p.Slice(layout.UserNn.Offset + u * _e, _e);
            for (int o = 0; o < _hn; o++)
                _userHidden[u * _hn + o] = bn[o] + VectorMath<float>.Dot(wn.Slice(o * 2 * _e, _e), p2);
        }
        _itemHidden = new float[(long)d.Items * _hn <= Array.MaxLength ? d.Items * _hn : throw new ArgumentException("too many items for the scorer.")];
        for (int m = 0; m < d.Items; m++)
        {
            var q2 = p.Slice(layout.ItemNn.Offset + m * _e, _e);
            for (int o = 0; o < _hn; o++)
                _itemHidden[m * _hn + o] = VectorMath<float>.Dot(wn.Slice(o * 2 * _e + _e, _e), q2);
        }

        // cu[u] = bu[u] + Σ_user towers; cm[m] = bo + Σ_item towers + bm[m] + μ (summed in that order).
        _userConst = new float[d.Users];
        if (layout.UserBias is { } ub) p.Slice(ub.Offset, d.Users).CopyTo(_userConst);
        AddTowers(layout.UserTowers, p, wo, itemFeatures, userFeatures, _userConst);
        _itemConst = new float[d.Items];
        _itemConst.AsSpan().Fill(p[layout.OutBias.Offset]);
        AddTowers(layout.ItemTowers, p, wo, itemFeatures, userFeatures, _itemConst);
        if (layout.ItemBias is { } mb)
            for (int m = 0; m < d.Items; m++) _itemConst[m] += p[mb.Offset + m] + globalOffset;
    }

    /// <summary>Adds w_g·h_g(row) of every tower in <paramref name="towers"/> to <paramref name="constants"/>[row], tower by tower.</summary>
    private static void AddTowers(IReadOnlyList<TowerLayout> towers, ReadOnlySpan<float> p, ReadOnlySpan<float> wo, FeatureGroupCollection items, FeatureGroupCollection users, float[] constants)
    {
        if (towers.Count == 0) return;
        var h = new float[towers.Max(t => t.Width)];
        for (int row = 0; row < constants.Length; row++)
        {
            float c = constants[row];
            foreach (var t in towers)
            {
                var features = TowerFeatures.Of(t, items, users);
                var ht = h.AsSpan(0, t.Width);
                CpuNetwork<float>.Bag(p.Slice(t.Kernel.Offset, t.Kernel.Length), p.Slice(t.Bias.Offset, t.Width), features.OffsetArray, features.IndexArray, row, ht);
                c += VectorMath<float>.Dot(wo.Slice(t.ConcatColumn, t.Width), ht);
            }
            constants[row] = c;
        }
    }

    /// <summary>Users the scorer knows.</summary>
    public int Users => _userConst.Length;

    /// <summary>Items the scorer knows.</summary>
    public int Items => _itemConst.Length;

    /// <summary>
    /// The ranking score of item index <paramref name="item"/> for user index <paramref name="user"/>: what
    /// recommendation and the ranking metrics order items by (higher first). With a ranking head it is
    /// P3[u]·Q3[m] + r[m], plus β·<see cref="PredictRating"/> when β (the rating blend) is above 0; a member trained on
    /// ratings only has no ranking output, so its score is its unclipped normalised predicted rating.
    /// </summary>
    public float Score(int user, int item)
    {
        if (_er == 0) return PredictRating(user, item);
        if ((uint)user >= (uint)Users) throw new ArgumentOutOfRangeException(nameof(user), user, $"user index must be in [0, {Users}).");
        if ((uint)item >= (uint)Items) throw new ArgumentOutOfRangeException(nameof(item), item, $"item index must be in [0, {Items}).");
        var p = _parameters.AsSpan();
        float head = VectorMath<float>.Dot(p.Slice(_userRank + user * _er, _er), p.Slice(_itemRank + item * _er, _er)) + p[_itemRankBias + item];
        return _ratingBlend == 0f ? head : head + _ratingBlend * PredictRating(user, item);
    }

    /// <summary>Whether <see cref="Score"/> is the ranking head's score rather than the predicted rating.</summary>
    public bool HasRankingHead => _er > 0;

    /// <summary>Unclipped normalised predicted rating for user index <paramref name="user"/> and item index <paramref name="item"/>.</summary>
    public float PredictRating(int user, int item)
    {
        if ((uint)user >= (uint)Users) throw new ArgumentOutOfRangeException(nameof(user), user, $"user index must be in [0, {Users}).");
        if ((uint)item >= (uint)Items) throw new ArgumentOutOfRangeException(nameof(item), item, $"item index must be in [0, {Items}).");
        var p = _parameters.AsSpan();
        float z = VectorMath<float>.Dot(p.Slice(_userCf + user * _e, _e), p.Slice(_itemCf + item * _e, _e));
        float h = VectorMath<float>.ReluSumDot(_userHidden.AsSpan(user * _hn, _hn), _itemHidden.AsSpan(item * _hn, _hn), _won);
        return _wz * z + h + _userConst[user] + _itemConst[item];
    }
}
