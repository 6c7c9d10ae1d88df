namespace HybridRec.Kernels;

/// <summary>MseLossGrad over N samples with a non-zero running loss sum.</summary>
internal sealed record MseLossGradCase(int Seed, int N) : KernelCase(Seed)
{
    public override string Kernel => nameof(HybridKernels.MseLossGrad);

    public static MseLossGradCase Draw(Random rng, CaseSize size, int seed) => new(seed, Kernels.Draw.Rows(rng, size));

    public override CheckResult Run(ComputeDevice device)
    {
        var rng = Values();
        var y = Kernels.Draw.Floats(rng, N);
        var t = Kernels.Draw.Floats(rng, N, 0f, 1f);
        var dy = Kernels.Draw.Floats(rng, N);
        double[] loss = [1.0 + rng.NextDouble()];
        float scale = 2f / Math.Max(1, N);
        using var buffers = new DeviceBuffers(device.Accelerator);
        var dDy = buffers.Upload(dy);
        var dLoss = buffers.Upload(loss);
        device.Kernels.MseLossGrad(buffers.Upload(y), buffers.Upload(t), N, scale, dDy, dLoss);
        device.Synchronize();
        CpuTwins.MseLossGrad(y, t, N, scale, dy, loss);
        return Worst(Compare("dy", dy, DeviceBuffers.Download(dDy), Tolerances.Exact),
                     Compare("lossSum", loss, DeviceBuffers.Download(dLoss), Tolerances.Loss));
    }
}
