using HybridRec.Data;
using HybridRec.Model.Backends;
using HybridRec.Model.Parameters;

namespace HybridRec.Model.Scoring;

/// <summary>
/// The serving form of one trained parameter set. The network's output (docs/design.md §1) is rewritten as
/// <code>
/// y(u, m) = wz·(P1[u]·Q1[m]) + Σ_o won[o]·ReLU(a[u, o] + b[m, o]) + cu[u] + cm[m]
/// a[u, :] = bn + Wn[:, :E]·P2[u]            // (U, Hn), once per user
/// b[m, :] = Wn[:, E:]·Q2[m]                 // (M, Hn), once per movie
/// cu[u]   = bu[u]                           // user bias (0 without biases)
/// cm[m]   = bo + wg·hg(m) + wt·ht(m) + bm[m] + μ   // towers, movie bias, offsets
/// </code>
/// so a prediction costs E + 2·Hn operations instead of the 2E·Hn of the neural branch's Dense layer. That is what
/// makes scoring the whole catalogue for a user (recommendation, ranking metrics) cheap. It equals the network's
/// forward pass up to float rounding (the tests compare it with the CPU reference). Immutable, thread-safe.
/// </summary>
internal sealed class MemberScorer
{
    private readonly float[] _parameters;
    private readonly int _e, _hn, _userCf, _movieCf;
    private readonly float _wz;
    private readonly float[] _won;           // (Hn)
    private readonly float[] _userHidden;    // (U, Hn)
    private readonly float[] _movieHidden;   // (M, Hn)
    private readonly float[] _userConst;     // (U)
    private readonly float[] _movieConst;    // (M)

    /// <summary>Precomputes the per-user and per-movie terms of <paramref name="parameters"/> (layout order).</summary>
    public MemberScorer(ParameterLayout layout, float[] parameters, SparseFeatures genres, SparseFeatures tags, float globalOffset)
    {
        ArgumentNullException.ThrowIfNull(layout);
        ArgumentNullException.ThrowIfNull(parameters);
        if (parameters.Length != layout.Count) throw new ArgumentException($"expected {layout.Count} parameters, got {parameters.Length}.");
        var d = layout.Dimensions;
        _parameters = parameters;
        _e = layout.E;
        _hn = layout.Hn;
        _userCf = layout.UserCf.Offset;
        _movieCf = layout.MovieCf.Offset;
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
        _movieHidden = new float[(long)d.Movies * _hn <= Array.MaxLength ? d.Movies * _hn : throw new ArgumentException("too many movies for the scorer.")];
        for (int m = 0; m < d.Movies; m++)
        {
            var q2 = p.Slice(layout.MovieNn.Offset + m * _e, _e);
            for (int o = 0; o < _hn; o++)
                _movieHidden[m * _hn + o] = VectorMath<float>.Dot(wn.Slice(o * 2 * _e + _e, _e), q2);
        }

        _userConst = new float[d.Users];
        if (layout.UserBias is { } ub) p.Slice(ub.Offset, d.Users).CopyTo(_userConst);
        _movieConst = new float[d.Movies];
        var wg = wo.Slice(layout.ConcatGenreColumn, layout.Hg);
        var wt = wo.Slice(layout.ConcatTagColumn, layout.Ht);
        Span<float> hg = stackalloc float[layout.Hg];
        Span<float> ht = stackalloc float[layout.Ht];
        float bo = p[layout.OutBias.Offset];
        float offset = layout.HasBiases ? globalOffset : 0f;
        for (int m = 0; m < d.Movies; m++)
        {
            CpuNetwork<float>.Bag(p.Slice(layout.GenreKernel.Offset, layout.GenreKernel.Length), p.Slice(layout.GenreBias.Offset, layout.Hg), genres.Offsets, genres.Indices, m, hg);
            CpuNetwork<float>.Bag(p.Slice(layout.TagKernel.Offset, layout.TagKernel.Length), p.Slice(layout.TagBias.Offset, layout.Ht), tags.Offsets, tags.Indices, m, ht);
            float c = bo + VectorMath<float>.Dot(wg, hg) + VectorMath<float>.Dot(wt, ht);
            if (layout.MovieBias is { } mb) c += p[mb.Offset + m] + offset;
            _movieConst[m] = c;
        }
    }

    /// <summary>Users the scorer knows.</summary>
    public int Users => _userConst.Length;

    /// <summary>Movies the scorer knows.</summary>
    public int Movies => _movieConst.Length;

    /// <summary>Unclipped normalised prediction for user index <paramref name="user"/> and movie index <paramref name="movie"/>.</summary>
    public float Score(int user, int movie)
    {
        if ((uint)user >= (uint)Users) throw new ArgumentOutOfRangeException(nameof(user), user, $"user index must be in [0, {Users}).");
        if ((uint)movie >= (uint)Movies) throw new ArgumentOutOfRangeException(nameof(movie), movie, $"movie index must be in [0, {Movies}).");
        var p = _parameters.AsSpan();
        float z = VectorMath<float>.Dot(p.Slice(_userCf + user * _e, _e), p.Slice(_movieCf + movie * _e, _e));
        float h = VectorMath<float>.ReluSumDot(_userHidden.AsSpan(user * _hn, _hn), _movieHidden.AsSpan(movie * _hn, _hn), _won);
        return _wz * z + h + _userConst[user] + _movieConst[movie];
    }
}
