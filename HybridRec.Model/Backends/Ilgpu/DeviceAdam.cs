using HybridRec.Kernels;
using HybridRec.Model.Parameters;
using HybridRec.Model.Training;
using ILGPU;

namespace HybridRec.Model.Backends.Ilgpu;

/// <summary>One Adam step on the device (docs/design.md §3): dense over the whole block, or dense over the dense range and lazy over the batch's rows of each row-sparse slice.</summary>
internal sealed class DeviceAdam(HybridKernels kernels, ParameterLayout layout)
{
    /// <summary>Steps the block (parameters, gradients, m, v) with the given coefficients, clearing the gradient.</summary>
    public void Step(ArrayView<float> p, ArrayView<float> g, ArrayView<float> m, ArrayView<float> v, AdamVariant variant, AdamCoefficients c, DeviceBatch batch)
    {
        if (variant == AdamVariant.Dense)
        {
            kernels.AdamDense(p, g, m, v, c);
            return;
        }
        int d0 = layout.DenseOffset, dn = layout.DenseCount;
        kernels.AdamDense(p.SubView(d0, dn), g.SubView(d0, dn), m.SubView(d0, dn), v.SubView(d0, dn), c);
        var (users, items) = (batch.UserRows, batch.ItemRows);
        Rows(layout.UserCf, layout.E, users);
        Rows(layout.UserNn, layout.E, users);
        Rows(layout.ItemCf, layout.E, items);
        Rows(layout.ItemNn, layout.E, items);
        if (layout.HasBiases)
        {
            Rows(layout.UserBias!, 1, users);
            Rows(layout.ItemBias!, 1, items);
        }

        void Rows(ParameterSlice s, int dim, BatchRows rows) =>
            kernels.AdamRows(p.SubView(s.Offset, s.Length), g.SubView(s.Offset, s.Length), m.SubView(s.Offset, s.Length), v.SubView(s.Offset, s.Length), dim, rows.Rows, rows.Count, c);
    }
}
