using HybridRec.Model.Parameters;
using ILGPU;
using ILGPU.Runtime;

namespace HybridRec.Model.Backends.Ilgpu;

/// <summary>The per-batch intermediates of a training step, grown to the largest batch seen.</summary>
internal sealed class DeviceWorkspace(DeviceMemory memory, ParameterLayout layout)
{
    private readonly int _e = layout.E, _k = layout.ConcatWidth, _hi = layout.ItemTowerWidth, _hu = layout.UserTowerWidth;

    /// <summary>Samples the buffers hold.</summary>
    public int Capacity { get; private set; }

    /// <summary>x = [P2[u], Q2[m]] (n, 2E).</summary>
    public MemoryBuffer1D<float, Stride1D.Dense> X = null!;
    /// <summary>c, the concatenation (n, K).</summary>
    public MemoryBuffer1D<float, Stride1D.Dense> C = null!;
    /// <summary>dL/dc (n, K).</summary>
    public MemoryBuffer1D<float, Stride1D.Dense> DC = null!;
    /// <summary>y (n).</summary>
    public MemoryBuffer1D<float, Stride1D.Dense> Y = null!;
    /// <summary>dL/dy (n).</summary>
    public MemoryBuffer1D<float, Stride1D.Dense> DY = null!;
    /// <summary>Per-sample dP1 (n, E).</summary>
    public MemoryBuffer1D<float, Stride1D.Dense> DP1 = null!;
    /// <summary>Per-sample dQ1 (n, E).</summary>
    public MemoryBuffer1D<float, Stride1D.Dense> DQ1 = null!;
    /// <summary>dL/dx (n, 2E).</summary>
    public MemoryBuffer1D<float, Stride1D.Dense> DX = null!;
    /// <summary>Item tower outputs per distinct item (K_items ≤ n, ΣW_item).</summary>
    public MemoryBuffer1D<float, Stride1D.Dense> ItemTowers = null!;
    /// <summary>Their gradients summed per distinct item (K_items, ΣW_item).</summary>
    public MemoryBuffer1D<float, Stride1D.Dense> ItemTowerGrads = null!;
    /// <summary>User tower outputs per distinct user (K_users ≤ n, ΣW_user).</summary>
    public MemoryBuffer1D<float, Stride1D.Dense> UserTowers = null!;
    /// <summary>Their gradients summed per distinct user (K_users, ΣW_user).</summary>
    public MemoryBuffer1D<float, Stride1D.Dense> UserTowerGrads = null!;
    /// <summary>User indices of a prediction chunk (n).</summary>
    public MemoryBuffer1D<int, Stride1D.Dense> PredictUsers = null!;
    /// <summary>Item indices of a prediction chunk (n).</summary>
    public MemoryBuffer1D<int, Stride1D.Dense> PredictItems = null!;

    /// <summary>Makes room for batches of <paramref name="n"/> samples.</summary>
    public void Ensure(int n)
    {
        if (n <= Capacity) return;
        Free();
        long b = n;
        X = memory.Allocate<float>(b * 2 * _e);
        C = memory.Allocate<float>(b * _k);
        DC = memory.Allocate<float>(b * _k);
        Y = memory.Allocate<float>(b);
        DY = memory.Allocate<float>(b);
        DP1 = memory.Allocate<float>(b * _e);
        DQ1 = memory.Allocate<float>(b * _e);
        DX = memory.Allocate<float>(b * 2 * _e);
        ItemTowers = memory.Allocate<float>(b * _hi);
        ItemTowerGrads = memory.Allocate<float>(b * _hi);
        UserTowers = memory.Allocate<float>(b * _hu);
        UserTowerGrads = memory.Allocate<float>(b * _hu);
        PredictUsers = memory.Allocate<int>(b);
        PredictItems = memory.Allocate<int>(b);
        Capacity = n;
    }

    private void Free()
    {
        if (Capacity == 0) return;
        foreach (var f in new[] { X, C, DC, Y, DY, DP1, DQ1, DX, ItemTowers, ItemTowerGrads, UserTowers, UserTowerGrads })
        {
            var buffer = f;
            memory.Free(ref buffer);
        }
        var u = PredictUsers;
        var i = PredictItems;
        memory.Free(ref u);
        memory.Free(ref i);
    }
}
