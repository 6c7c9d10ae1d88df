using ILGPU;

namespace HybridRec.Kernels;

/// <summary>
/// The training loss: the MSE gradient per sample and the loss sum, reduced deterministically in double (per-group
/// partials, then one ordered final pass; no atomics).
/// </summary>
internal static class LossKernels
{
    /// <summary>
    /// MseLossGrad pass 1: dy[i] = gradScale·(y[i] − t[i]); each group writes Σ (y − t)² in double to
    /// partials[group] (per-thread grid-stride sums, then a fixed shared-memory tree; group size a power of two).
    /// </summary>
    public static void MsePartials(
        ArrayView<float> y, ArrayView<float> targets, ArrayView<float> dy, ArrayView<double> partials,
        int n, float gradScale)
    {
        int stride = Grid.DimX * Group.DimX;
        double acc = 0.0;
        for (int i = Grid.IdxX * Group.DimX + Group.IdxX; i < n; i += stride)
        {
            float diff = y[i] - targets[i];
            dy[i] = gradScale * diff;
            double d = diff;
            acc += d * d;
        }
        double sum = GroupSum(acc);
        if (Group.IdxX == 0) partials[Grid.IdxX] = sum;
    }

    /// <summary>MseLossGrad pass 2 (one group): lossSum[0] += Σ_g partials[g], contiguous runs then a fixed tree.</summary>
    public static void MseFinal(ArrayView<double> partials, ArrayView<double> lossSum, int count)
    {
        int per = (count + Group.DimX - 1) / Group.DimX;
        int g = Group.IdxX * per;
        int end = Math.Min(count, g + per);
        double acc = 0.0;
        for (; g < end; g++) acc += partials[g];
        double sum = GroupSum(acc);
        if (Group.IdxX == 0) lossSum[0] += sum;
    }

    /// <summary>
    /// The sum of every thread's <paramref name="value"/> over the group by a fixed shared-memory tree (group size a
    /// power of two ≤ <see cref="ReductionKernels.MaxGroup"/>); the result is valid in thread 0. Every thread of the
    /// group must call it (it has barriers). Shared by the loss kernels' per-group partials and final passes.
    /// </summary>
    internal static double GroupSum(double value)
    {
        var tree = SharedMemory.Allocate<double>(ReductionKernels.MaxGroup);
        int tid = Group.IdxX;
        tree[tid] = value;
        Group.Barrier();
        for (int s = Group.DimX / 2; s > 0; s >>= 1)
        {
            if (tid < s) tree[tid] += tree[tid + s];
            Group.Barrier();
        }
        return tree[0];
    }
}
