namespace HybridRec.Kernels;

/// <summary>ColumnSums of columns [Offset, Offset+Count) over N rows.</summary>
internal sealed record ColumnSumsCase(int Seed, int N, int Count, int Ld, int Offset) : KernelCase(Seed)
{
    public override string Kernel => nameof(HybridKernels.ColumnSums);

    public static ColumnSumsCase Draw(Random rng, CaseSize size, int seed)
    {
        int n = size == CaseSize.Tiny ? rng.Next(0, 80) : Kernels.Draw.Rows(rng, size);
        int count = Kernels.Draw.ModelDim(rng, size);
        int offset = Kernels.Draw.Pad(rng);
        return new(seed, n, count, offset + count + Kernels.Draw.Pad(rng), offset);
    }

    public override CheckResult Run(ComputeDevice device)
    {
        var rng = Values();
        var src = Kernels.Draw.Floats(rng, (long)N * Ld);
        var dst = Kernels.Draw.Floats(rng, Count);
        using var buffers = new DeviceBuffers(device.Accelerator);
        var dDst = buffers.Upload(dst);
        device.Kernels.ColumnSums(buffers.Upload(src), Ld, Offset, Count, N, dDst);
        device.Synchronize();
        CpuTwins.ColumnSums(src, Ld, Offset, Count, N, dst);
        return Compare("dst", dst, DeviceBuffers.Download(dDst), Tolerances.Sum(N));
    }
}

/// <summary>WeightedColumnSums of columns [Offset, Offset+Count) over N rows.</summary>
internal sealed record WeightedColumnSumsCase(int Seed, int N, int Count, int Ld, int Offset) : KernelCase(Seed)
{
    public override string Kernel => nameof(HybridKernels.WeightedColumnSums);

    public static WeightedColumnSumsCase Draw(Random rng, CaseSize size, int seed)
    {
        var c = ColumnSumsCase.Draw(rng, size, seed);
        return new(seed, c.N, c.Count, c.Ld, c.Offset);
    }

    public override CheckResult Run(ComputeDevice device)
    {
        var rng = Values();
        var src = Kernels.Draw.Floats(rng, (long)N * Ld);
        var weights = Kernels.Draw.Floats(rng, N);
        var dst = Kernels.Draw.Floats(rng, Count);
        using var buffers = new DeviceBuffers(device.Accelerator);
        var dDst = buffers.Upload(dst);
        device.Kernels.WeightedColumnSums(buffers.Upload(src), Ld, Offset, Count, N, buffers.Upload(weights), dDst);
        device.Synchronize();
        CpuTwins.WeightedColumnSums(src, Ld, Offset, Count, N, weights, dst);
        return Compare("dst", dst, DeviceBuffers.Download(dDst), Tolerances.Sum(N));
    }
}
