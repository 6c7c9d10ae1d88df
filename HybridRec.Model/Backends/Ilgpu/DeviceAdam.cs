using HybridRec.Kernels;
using HybridRec.Model.Parameters;
using HybridRec.Model.Training;
using ILGPU;

namespace HybridRec.Model.Backends.Ilgpu;

/// <summary>
/// One Adam step on the device (docs/design.md §3): dense over the whole block, or dense over the dense range and lazy
/// over the batch's rows of each row-sparse slice. The ranking head's slices step with α·LearningRateScale; lazily, the
/// rows of user_rank are the batch's users and those of item_rank and item_rank_bias its candidate items. A head that does
/// not train (<see cref="BackendSetup.TrainRankingHead"/> false) gets no lazy step; densely its zero gradient leaves it as it is.
/// </summary>
internal sealed class DeviceAdam(HybridKernels kernels, BackendSetup setup)
{
    private readonly ParameterLayout _layout = setup.Layout;
    private readonly float _rankStepScale = setup.Ranking.LearningRateScale;

    /// <summary>Steps the block (parameters, gradients, m, v) with the given coefficients, clearing the gradient.</summary>
    public void Step(ArrayView<float> p, ArrayView<float> g, ArrayView<float> m, ArrayView<float> v, AdamVariant variant, AdamCoefficients c, DeviceBatch batch)
    {
        var rank = new AdamCoefficients(c.Alpha * _rankStepScale, c.Beta1, c.Beta2, c.Epsilon);
        if (variant == AdamVariant.Dense)
        {
            if (!_layout.HasRankingHead || _rankStepScale == 1f)
            {
                kernels.AdamDense(p, g, m, v, c);
                return;
            }
            Range(0, _layout.RankOffset, c);
            Range(_layout.RankOffset, _layout.DenseOffset - _layout.RankOffset, rank);
            Range(_layout.DenseOffset, _layout.DenseCount, c);
            return;
        }
        Range(_layout.DenseOffset, _layout.DenseCount, c);
        var (users, items) = (batch.UserRows, batch.ItemRows);
        Rows(_layout.UserCf, _layout.E, users, c);
        Rows(_layout.UserNn, _layout.E, users, c);
        Rows(_layout.ItemCf, _layout.E, items, c);
        Rows(_layout.ItemNn, _layout.E, items, c);
        if (_layout.HasBiases)
        {
            Rows(_layout.UserBias!, 1, users, c);
            Rows(_layout.ItemBias!, 1, items, c);
        }
        if (setup.TrainsRankingHead)   // an untrained head has no candidates and no gradient: its rows stay
        {
            var candidates = (batch.Candidates ?? throw new ArgumentException("the network has a ranking head but the batch has no candidates.")).Rows;
            Rows(_layout.UserRank!, _layout.Er, users, rank);
            Rows(_layout.ItemRank!, _layout.Er, candidates, rank);
            Rows(_layout.ItemRankBias!, 1, candidates, rank);
        }

        void Range(int offset, int count, AdamCoefficients k) =>
            kernels.AdamDense(p.SubView(offset, count), g.SubView(offset, count), m.SubView(offset, count), v.SubView(offset, count), k);

        void Rows(ParameterSlice s, int dim, BatchRows rows, AdamCoefficients k) =>
            kernels.AdamRows(p.SubView(s.Offset, s.Length), g.SubView(s.Offset, s.Length), m.SubView(s.Offset, s.Length), v.SubView(s.Offset, s.Length), dim, rows.Rows, rows.Count, k);
    }
}
