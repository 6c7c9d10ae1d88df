namespace HybridRec.Kernels;

/// <summary>BagForward over Movies movies with 0–MaxPerMovie of Features features each.</summary>
internal sealed record BagForwardCase(int Seed, int Movies, int Features, int MaxPerMovie, int HDim, int N, int Ld, int OutOffset, bool Relu) : KernelCase(Seed)
{
    public override string Kernel => nameof(HybridKernels.BagForward);

    public static BagForwardCase Draw(Random rng, CaseSize size, int seed)
    {
        int movies = size == CaseSize.Large ? 60_000 : rng.Next(1, 30);
        int features = size == CaseSize.Large ? Kernels.Draw.Pick(rng, [20, 1000]) : Kernels.Draw.Pick(rng, [0, 1, 3, 20, 120]);
        int maxPer = size == CaseSize.Large ? (features == 20 ? 5 : 40) : rng.Next(0, 9);
        int hDim = Kernels.Draw.ModelDim(rng, size);
        int offset = Kernels.Draw.Pad(rng);
        return new(seed, movies, features, maxPer, hDim, Kernels.Draw.Rows(rng, size), offset + hDim + Kernels.Draw.Pad(rng), offset, rng.Next(2) == 0);
    }

    public override CheckResult Run(ComputeDevice device)
    {
        var rng = Values();
        var (offsets, indices) = Kernels.Draw.Features(rng, Movies, Features, MaxPerMovie);
        var w = Kernels.Draw.Floats(rng, (long)Features * HDim);
        var b = Kernels.Draw.Floats(rng, HDim);
        var movies = Kernels.Draw.Ints(rng, N, Movies);
        var output = Kernels.Draw.Floats(rng, (long)N * Ld);
        using var buffers = new DeviceBuffers(device.Accelerator);
        var dOut = buffers.Upload(output);
        device.Kernels.BagForward(buffers.Upload(w), buffers.Upload(b), HDim, buffers.Upload(offsets), buffers.Upload(indices),
            buffers.Upload(movies), N, dOut, Ld, OutOffset, Relu);
        device.Synchronize();
        CpuTwins.BagForward(w, b, HDim, offsets, indices, movies, N, output, Ld, OutOffset, Relu);
        return Compare("output", output, DeviceBuffers.Download(dOut), Tolerances.Sum(MaxPerMovie + 1));
    }
}

/// <summary>BagBackward over RowCount distinct movies (ascending) of Movies; Features may be 0.</summary>
internal sealed record BagBackwardCase(int Seed, int Movies, int Features, int MaxPerMovie, int HDim, int RowCount, int LdDh, int DhOffset) : KernelCase(Seed)
{
    public override string Kernel => nameof(HybridKernels.BagBackward);

    public static BagBackwardCase Draw(Random rng, CaseSize size, int seed)
    {
        int movies = size switch { CaseSize.Large => 60_000, CaseSize.Small => Kernels.Draw.Pick(rng, [1, 40, 3000]), _ => rng.Next(1, 60) };
        int features = size == CaseSize.Large ? Kernels.Draw.Pick(rng, [20, 1000]) : Kernels.Draw.Pick(rng, [0, 1, 3, 20, 400]);
        int maxPer = size == CaseSize.Large ? (features == 20 ? 5 : 40) : rng.Next(0, 9);
        int hDim = Kernels.Draw.ModelDim(rng, size);
        int rowCount = size == CaseSize.Large ? 30_000 : rng.Next(0, movies + 1);
        int offset = Kernels.Draw.Pad(rng);
        return new(seed, movies, features, maxPer, hDim, rowCount, offset + hDim + Kernels.Draw.Pad(rng), offset);
    }

    public override CheckResult Run(ComputeDevice device)
    {
        var rng = Values();
        var (offsets, indices) = Kernels.Draw.Features(rng, Movies, Features, MaxPerMovie);
        var rows = Enumerable.Range(0, Movies).OrderBy(_ => rng.Next()).Take(RowCount).Order().ToArray();
        var dh = Kernels.Draw.Floats(rng, (long)RowCount * LdDh);
        var dw = Kernels.Draw.Floats(rng, (long)Features * HDim);
        using var buffers = new DeviceBuffers(device.Accelerator);
        var dDw = buffers.Upload(dw);
        device.Kernels.BagBackward(buffers.Upload(dh), LdDh, DhOffset, HDim, buffers.Upload(rows), RowCount,
            buffers.Upload(offsets), buffers.Upload(indices), Features, dDw);
        device.Synchronize();
        CpuTwins.BagBackward(dh, LdDh, DhOffset, HDim, rows, RowCount, offsets, indices, Features, dw);
        return Compare("dw", dw, DeviceBuffers.Download(dDw), Tolerances.Sum(RowCount));
    }
}
