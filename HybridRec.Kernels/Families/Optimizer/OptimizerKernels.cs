using System.Runtime.CompilerServices;
using ILGPU;

namespace HybridRec.Kernels;

/// <summary>
/// Adam (Keras semantics, design.md §3): dense over a range, or lazy over listed rows; both clear the gradient. And the
/// scaled add that adds the whole-table and Dense L2 terms to the gradient before the step. Grid-stride.
/// </summary>
internal static class OptimizerKernels
{
    /// <summary>One Adam step on every element of the (equal-length) views.</summary>
    public static void AdamDense(
        ArrayView<float> param, ArrayView<float> grad, ArrayView<float> m, ArrayView<float> v,
        AdamCoefficients c, int length)
    {
        int stride = Grid.DimX * Group.DimX;
        for (int i = Grid.IdxX * Group.DimX + Group.IdxX; i < length; i += stride)
            Step(param, grad, m, v, i, c);
    }

    /// <summary>One lazy Adam step on rows[0..rowCount) of an (R, dim) slice; one thread per (row, d).</summary>
    public static void AdamRows(
        ArrayView<float> param, ArrayView<float> grad, ArrayView<float> m, ArrayView<float> v,
        ArrayView<int> rows, AdamCoefficients c, int dim, int rowCount)
    {
        int total = rowCount * dim;
        int stride = Grid.DimX * Group.DimX;
        for (int e = Grid.IdxX * Group.DimX + Group.IdxX; e < total; e += stride)
        {
            int k = e / dim;
            int d = e - k * dim;
            Step(param, grad, m, v, rows[k] * dim + d, c);
        }
    }

    /// <summary>dst[i] += alpha·src[i] for i &lt; length.</summary>
    public static void AddScaled(ArrayView<float> dst, ArrayView<float> src, float alpha, int length)
    {
        int stride = Grid.DimX * Group.DimX;
        for (int i = Grid.IdxX * Group.DimX + Group.IdxX; i < length; i += stride)
            dst[i] += alpha * src[i];
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Step(
        ArrayView<float> param, ArrayView<float> grad, ArrayView<float> m, ArrayView<float> v, int i,
        AdamCoefficients c)
    {
        float g = grad[i];
        float mi = c.Beta1 * m[i] + (1f - c.Beta1) * g;
        float vi = c.Beta2 * v[i] + (1f - c.Beta2) * g * g;
        param[i] -= c.Alpha * mi / (MathF.Sqrt(vi) + c.Epsilon);
        m[i] = mi;
        v[i] = vi;
        grad[i] = 0f;
    }
}
