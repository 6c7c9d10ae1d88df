using HybridRec.Data;
using HybridRec.Kernels;
using HybridRec.Model.Parameters;
using ILGPU;
using ILGPU.Runtime;

namespace HybridRec.Model.Backends.Ilgpu;

/// <summary>
/// The forward and backward passes of the hybrid network composed from the kernels (docs/design.md §7), over the
/// parameter and gradient views of the block and the intermediates of a <see cref="DeviceWorkspace"/>.
/// </summary>
internal sealed class DeviceNetwork
{
    private readonly HybridKernels _k;
    private readonly ParameterLayout _l;
    private readonly DeviceWorkspace _w;
    private readonly DeviceTowers _itemTowers, _userTowers;
    private readonly float _offset;
    private readonly int _tableL2End;   // the whole-table L2 covers [0, this): the ranking head's slices unless excluded
    private readonly Action<string> _mark;

    public DeviceNetwork(HybridKernels kernels, DeviceMemory memory, BackendSetup setup, DeviceWorkspace workspace, Action<string> mark)
    {
        _k = kernels;
        _l = setup.Layout;
        _w = workspace;
        _offset = _l.HasBiases ? setup.GlobalOffset : 0f;
        _tableL2End = setup.TableL2End;
        _mark = mark;
        _itemTowers = new DeviceTowers(kernels, memory, setup, FeatureEntity.Item);
        _userTowers = new DeviceTowers(kernels, memory, setup, FeatureEntity.User);
    }

    /// <summary>
    /// y for <paramref name="n"/> samples into <see cref="DeviceWorkspace.Y"/>. With the batch's segment lists the
    /// towers run once per distinct item and user; without them (prediction) once per sample.
    /// </summary>
    public void Forward(ArrayView<float> p, ArrayView<int> users, ArrayView<int> items, int n, DeviceBatch? batch = null)
    {
        int e = _l.E, kw = _l.ConcatWidth;
        var x = _w.X.View;
        var c = _w.C.View;
        // x = [P2[u], Q2[m]]                                                    // (n, 2E)
        _k.GatherRows(P(p, _l.UserNn), e, users, n, x, 2 * e, 0);
        _k.GatherRows(P(p, _l.ItemNn), e, items, n, x, 2 * e, e);
        _mark("forward: gather x");
        // c = [z, hn, item towers, user towers] written in place into column ranges of one buffer  // (n, K)
        _k.DotForward(P(p, _l.UserCf), P(p, _l.ItemCf), e, users, items, n, c, kw, _l.ConcatDotColumn);
        _mark("forward: dot");
        _k.DenseForward(x, 2 * e, n, 2 * e, P(p, _l.NnKernel), P(p, _l.NnBias), _l.Hn, c, kw, _l.ConcatNnColumn, relu: true);
        _mark("forward: dense");
        _itemTowers.Forward(p, items, n, batch?.ItemRows, _w.ItemTowers.View, c);
        _userTowers.Forward(p, users, n, batch?.UserRows, _w.UserTowers.View, c);
        _mark("forward: towers");
        // y = Wo·c + bo (+ bu + bm + μ)                                         // (n)
        _k.OutputForward(c, kw, kw, n, P(p, _l.OutKernel), P(p, _l.OutBias), _l.HasBiases,
            _l.HasBiases ? P(p, _l.UserBias!) : P(p, _l.OutBias), _l.HasBiases ? P(p, _l.ItemBias!) : P(p, _l.OutBias), users, items, _offset, _w.Y.View);
        _mark("forward: output");
    }

    /// <summary>The gradient of the batch objective (dL/dy already in <see cref="DeviceWorkspace.DY"/>) into <paramref name="g"/>: touched rows of the row-sparse slices, all of the dense ones.</summary>
    public void Backward(ArrayView<float> p, ArrayView<float> g, DeviceBatch b)
    {
        int e = _l.E, kw = _l.ConcatWidth, n = b.N;
        var c = _w.C.View;
        var dc = _w.DC.View;
        var dy = _w.DY.View.SubView(0, n);
        // Output layer: dWo = dyᵀ·c, dbo = Σ dy; dc = dy·Wo, masked by ReLU on the hn and tower columns.
        _k.WeightedColumnSums(c, kw, 0, kw, n, dy, P(g, _l.OutKernel));
        _k.ColumnSums(_w.DY.View, 1, 0, 1, n, P(g, _l.OutBias));
        _k.OutputBackward(dy, P(p, _l.OutKernel), kw, _l.ConcatNnColumn, c, kw, n, dc, kw);
        _mark("backward: output layer");
        // Collaborative branch: per-sample dP1 = dz·Q1[m], dQ1 = dz·P1[u].      // (n, E) each
        _k.DotBackward(dc, kw, _l.ConcatDotColumn, P(p, _l.UserCf), P(p, _l.ItemCf), e, b.Users, b.Items, n, _w.DP1.View, e, 0, _w.DQ1.View, e, 0);
        _mark("backward: dot");
        // Neural branch: dWn = dhnᵀ·x, dbn = Σ dhn, dx = dhn·Wn.                 // dx (n, 2E)
        _k.DenseBackwardWeights(dc, kw, _l.ConcatNnColumn, _w.X.View, 2 * e, 0, n, _l.Hn, 2 * e, P(g, _l.NnKernel), P(g, _l.NnBias));
        _mark("backward: dense dW");
        _k.DenseBackwardInput(dc, kw, _l.ConcatNnColumn, n, _l.Hn, P(p, _l.NnKernel), 2 * e, 0, 2 * e, _w.DX.View, 2 * e, 0);
        _mark("backward: dense dX");
        // Towers: per entity, one segment sum over its adjacent tower columns, then dW per tower.
        _itemTowers.Backward(g, dc, n, b.ItemRows, _w.ItemTowerGrads.View);
        _userTowers.Backward(g, dc, n, b.UserRows, _w.UserTowerGrads.View);
        _mark("backward: towers");
        // Embedding rows: per distinct user/item, the sum of its samples' rows (+ per-occurrence L2).
        float l2 = 2f * _l.Options.EmbeddingL2 / n;
        var (u, m) = (b.UserRows, b.ItemRows);
        _k.SegmentSumRows(_w.DP1.View, e, 0, e, u.Rows, u.Offsets, u.Samples, u.Count, P(g, _l.UserCf), P(p, _l.UserCf), l2);
        _k.SegmentSumRows(_w.DX.View, 2 * e, 0, e, u.Rows, u.Offsets, u.Samples, u.Count, P(g, _l.UserNn), P(p, _l.UserNn), l2);
        _k.SegmentSumRows(_w.DQ1.View, e, 0, e, m.Rows, m.Offsets, m.Samples, m.Count, P(g, _l.ItemCf), P(p, _l.ItemCf), l2);
        _k.SegmentSumRows(_w.DX.View, 2 * e, e, e, m.Rows, m.Offsets, m.Samples, m.Count, P(g, _l.ItemNn), P(p, _l.ItemNn), l2);
        if (_l.HasBiases)
        {
            _k.SegmentSumRows(_w.DY.View, 1, 0, 1, u.Rows, u.Offsets, u.Samples, u.Count, P(g, _l.UserBias!), P(p, _l.UserBias!), l2);
            _k.SegmentSumRows(_w.DY.View, 1, 0, 1, m.Rows, m.Offsets, m.Samples, m.Count, P(g, _l.ItemBias!), P(p, _l.ItemBias!), l2);
        }
        _mark("backward: embedding segment sums");
        // Whole-table embedding L2: every row of the row-sparse range (needs dense Adam); after every row-sparse
        // gradient row is written, the ranking head's included (IlgpuBackend runs it before this backward).
        float l2t = _l.Options.EmbeddingTableL2;
        if (l2t != 0 && _tableL2End > 0)
            _k.AddScaled(g.SubView(0, _tableL2End), p.SubView(0, _tableL2End), 2f * l2t);
        // Dense L2: g += 2 λd W on weight matrices.
        float l2d = _l.Options.DenseL2;
        if (l2d != 0)
            foreach (var s in _l.Slices)
                if (s.Regularized && s.Length > 0) _k.AddScaled(P(g, s), P(p, s), 2f * l2d);
        _mark("backward: L2");
    }

    private static ArrayView<float> P(ArrayView<float> block, ParameterSlice s) => block.SubView(s.Offset, s.Length);
}
