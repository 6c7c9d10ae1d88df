using ILGPU;
using ILGPU.Runtime;

namespace HybridRec.Kernels;

/// <summary>Device copies of host arrays for one check case; disposes them all.</summary>
internal sealed class DeviceBuffers(Accelerator accelerator) : IDisposable
{
    private readonly List<IDisposable> owned = [];

    public ArrayView<T> Upload<T>(T[] data) where T : unmanaged
    {
        if (data.Length == 0) return ArrayView<T>.Empty; // ILGPU 1.5.3 cannot dispose zero-length buffers
        var buffer = accelerator.Allocate1D(data);
        owned.Add(buffer);
        return buffer.View;
    }

    public static T[] Download<T>(ArrayView<T> view) where T : unmanaged
    {
        var host = new T[view.Length];
        if (host.Length > 0) view.CopyToCPU(host);
        return host;
    }

    public void Dispose()
    {
        foreach (var buffer in owned) buffer.Dispose();
        owned.Clear();
    }
}
