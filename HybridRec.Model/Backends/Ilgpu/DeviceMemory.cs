using ILGPU;
using ILGPU.Runtime;

namespace HybridRec.Model.Backends.Ilgpu;

/// <summary>Allocates device buffers and owns them: whoever allocates here disposes here (before the accelerator goes).</summary>
internal sealed class DeviceMemory(Accelerator accelerator) : IDisposable
{
    private readonly List<IDisposable> _owned = [];

    /// <summary>A buffer of <paramref name="length"/> elements (at least one), zeroed.</summary>
    public MemoryBuffer1D<T, Stride1D.Dense> Allocate<T>(long length) where T : unmanaged
    {
        var buffer = accelerator.Allocate1D<T>(Math.Max(1, length));
        _owned.Add(buffer);
        buffer.MemSetToZero();
        return buffer;
    }

    /// <summary>A buffer holding a copy of <paramref name="data"/> (one zero element when it is empty).</summary>
    public MemoryBuffer1D<int, Stride1D.Dense> Upload(int[] data)
    {
        var buffer = Allocate<int>(data.Length);
        if (data.Length > 0) buffer.View.SubView(0, data.Length).CopyFromCPU(data);
        return buffer;
    }

    /// <summary>Disposes <paramref name="buffer"/> (when not null) and sets it to null.</summary>
    public void Free<T>(ref T? buffer) where T : class, IDisposable
    {
        if (buffer is null) return;
        _owned.Remove(buffer);
        buffer.Dispose();
        buffer = null;
    }

    /// <summary>Disposes every buffer still owned, newest first.</summary>
    public void Dispose()
    {
        for (int i = _owned.Count - 1; i >= 0; i--) _owned[i].Dispose();
        _owned.Clear();
    }
}
