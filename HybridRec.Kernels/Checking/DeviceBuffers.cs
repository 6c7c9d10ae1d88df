using ILGPU;
using ILGPU.Runtime;

namespace HybridRec.Kernels;

/// <summary>Device copies of host arrays for one check case; disposes them all.</summary>
internal sealed class DeviceBuffers(Accelerator accelerator) : IDisposable
{
    private readonly List<IDisposable> owned = [];

    public ArrayView<float> Upload(float[] data)
    {
        if (data.Length == 0) return ArrayView<float>.Empty; // ILGPU 1.5.3 cannot dispose zero-length buffers
        var buffer = accelerator.Allocate1D(data);
        owned.Add(buffer);
        return buffer.View;
    }

    public ArrayView<int> Upload(int[] data)
    {
        if (data.Length == 0) return ArrayView<int>.Empty; // ILGPU 1.5.3 cannot dispose zero-length buffers
        var buffer = accelerator.Allocate1D(data);
        owned.Add(buffer);
        return buffer.View;
    }

    public ArrayView<byte> Upload(byte[] data)
    {
        if (data.Length == 0) return ArrayView<byte>.Empty; // ILGPU 1.5.3 cannot dispose zero-length buffers
        var buffer = accelerator.Allocate1D(data);
        owned.Add(buffer);
        return buffer.View;
    }

    public ArrayView<double> Upload(double[] data)
    {
        if (data.Length == 0) return ArrayView<double>.Empty; // ILGPU 1.5.3 cannot dispose zero-length buffers
        var buffer = accelerator.Allocate1D(data);
        owned.Add(buffer);
        return buffer.View;
    }

    public static float[] Download(ArrayView<float> view)
    {
        var host = new float[view.Length];
        if (host.Length > 0) view.CopyToCPU(host);
        return host;
    }

    public static double[] Download(ArrayView<double> view)
    {
        var host = new double[view.Length];
        if (host.Length > 0) view.CopyToCPU(host);
        return host;
    }

    public void Dispose()
    {
        foreach (var buffer in owned) buffer.Dispose();
        owned.Clear();
    }
}
