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
internal sealed class DeviceAdam(HybridKernels kernels, ParameterLayout layout, float rankStepScale, bool trainRankingHead = true)
{
    /// <summary>Steps the block (parameters, gradients, m, v) with the given coefficients, clearing the gradient.</summary>
    public void Step(ArrayView<float> p, ArrayView<float> g, ArrayView<float> m, ArrayView<float> v, AdamVariant variant, AdamCoefficients c, DeviceBatch batch)
    {
        var rank = new AdamCoefficients(c.Alpha * rankStepScale, c.Beta1, c.Beta2, c.Epsilon);
        if (variant == AdamVariant.Dense)
        {
            if (!layout.HasRankingHead || rankStepScale == 1f)
            {
                kernels.AdamDense(p, g, m, v, c);
                return;
            }
            Range(0, layout.RankOffset, c);
            Range(layout.RankOffset, layout.DenseOffset - layout.RankOffset, rank);
            Range(layout.DenseOffset, layout.DenseCount, c);
            return;
        }
        Range(layout.DenseOffset, layout.DenseCount, c);
        var (users, items) = (batch.UserRows, batch.ItemRows);
        Rows(layout.UserCf, layout.E, users, c);
        Rows(layout.UserNn, layout.E, users, c);
        Rows(layout.ItemCf, layout.E, items, c);
        Rows(layout.ItemNn, layout.E, items, c);
        if (layout.HasBiases)
        {
            Rows(layout.UserBias!, 1, users, c);
            Rows(layout.ItemBias!, 1, items, c);
        }
        if (layout.HasRankingHead && trainRankingHead)   // an untrained head has no candidates and no gradient: its rows stay
        {
            var candidates = (batch.Candidates ?? throw new ArgumentException("the network has a ranking head but the batch has no candidates.")).Rows;
            Rows(layout.UserRank!, layout.Er, users, rank);
            Rows(layout.ItemRank!, layout.Er, candidates, rank);
            Rows(layout.ItemRankBias!, 1, candidates, rank);
        }

        void Range(int offset, int count, AdamCoefficients k) =>
            kernels.AdamDense(p.SubView(offset, count), g.SubView(offset, count), m.SubView(offset, count), v.SubView(offset, count), k);

        void Rows(ParameterSlice s, int dim, BatchRows rows, AdamCoefficients k) =>
            kernels.AdamRows(p.SubView(s.Offset, s.Length), g.SubView(s.Offset, s.Length), m.SubView(s.Offset, s.Length), v.SubView(s.Offset, s.Length), dim, rows.Rows, rows.Count, k);
    }
}
