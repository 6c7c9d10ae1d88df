using HybridRec.Data;
using HybridRec.Kernels;
using HybridRec.Model.Parameters;
using ILGPU;
using ILGPU.Runtime;

namespace HybridRec.Model.Backends.Ilgpu;

/// <summary>
/// The towers of one entity (items or users) on the device: their features in CSR form, and the forward and backward
/// passes. Every tower of the entity depends on the row (item or user) only, so in training each runs once per
/// distinct row of the batch and its output is gathered per sample into the concatenation; the towers' columns are
/// adjacent in the concatenation, so one segment sum serves all their backward passes.
/// </summary>
internal sealed class DeviceTowers
{
    private readonly HybridKernels _k;
    private readonly ParameterLayout _l;
    private readonly IReadOnlyList<TowerLayout> _towers;
    private readonly (MemoryBuffer1D<int, Stride1D.Dense> Offsets, MemoryBuffer1D<int, Stride1D.Dense> Indices)[] _features;
    private readonly int _column, _width;   // first concatenation column and summed width of the entity's towers

    public DeviceTowers(HybridKernels kernels, DeviceMemory memory, BackendSetup setup, FeatureEntity entity)
    {
        _k = kernels;
        _l = setup.Layout;
        _towers = entity == FeatureEntity.Item ? _l.ItemTowers : _l.UserTowers;
        _column = entity == FeatureEntity.Item ? _l.ConcatItemTowerColumn : _l.ConcatUserTowerColumn;
        _width = entity == FeatureEntity.Item ? _l.ItemTowerWidth : _l.UserTowerWidth;
        _features = _towers.Select(t =>
        {
            var f = setup.FeaturesOf(t);
            return (memory.Upload(f.OffsetArray), memory.Upload(f.IndexArray));
        }).ToArray();
    }

    /// <summary>
    /// Writes every tower's output for the batch into the concatenation <paramref name="c"/> (n, K): once per distinct
    /// row into <paramref name="perRow"/> (K_rows, ΣW) and gathered by segment, or, without segments (prediction),
    /// per sample from <paramref name="rows"/>.
    /// </summary>
    public void Forward(ArrayView<float> parameters, ArrayView<int> rows, int n, BatchRows? distinct, ArrayView<float> perRow, ArrayView<float> c)
    {
        if (_towers.Count == 0) return;
        int kw = _l.ConcatWidth;
        for (int i = 0; i < _towers.Count; i++)
        {
            var t = _towers[i];
            var w = parameters.SubView(t.Kernel.Offset, t.Kernel.Length);
            var b = parameters.SubView(t.Bias.Offset, t.Width);
            if (distinct is { } d)
                _k.BagForward(w, b, t.Width, _features[i].Offsets.View, _features[i].Indices.View, d.Rows, d.Count, perRow, _width, t.ConcatColumn - _column, relu: true);
            else
                _k.BagForward(w, b, t.Width, _features[i].Offsets.View, _features[i].Indices.View, rows, n, c, kw, t.ConcatColumn, relu: true);
        }
        if (distinct is { } rowsOfBatch) _k.GatherRows(perRow, _width, rowsOfBatch.SegmentOf, n, c, kw, _column);
    }

    /// <summary>
    /// Tower gradients from the (masked) dL/dc: db = Σ_samples dh per tower; per distinct row the sum of its samples'
    /// dh over all the entity's columns (one segment sum into <paramref name="perRow"/>), then dW per tower.
    /// </summary>
    public void Backward(ArrayView<float> gradients, ArrayView<float> dc, int n, BatchRows rows, ArrayView<float> perRow)
    {
        if (_towers.Count == 0) return;
        int kw = _l.ConcatWidth;
        foreach (var t in _towers) _k.ColumnSums(dc, kw, t.ConcatColumn, t.Width, n, gradients.SubView(t.Bias.Offset, t.Width));
        _k.SegmentSumCompact(dc, kw, _column, _width, rows.Offsets, rows.Samples, rows.Count, perRow);
        for (int i = 0; i < _towers.Count; i++)
        {
            var t = _towers[i];
            _k.BagBackward(perRow, _width, t.ConcatColumn - _column, t.Width, rows.Rows, rows.Count, _features[i].Offsets.View, _features[i].Indices.View,
                t.Vocabulary, gradients.SubView(t.Kernel.Offset, t.Kernel.Length));
        }
    }
}
