namespace HybridRec.Kernels;

/// <summary>DenseForward: x (N, LdX) → y columns [YOffset, YOffset+OutDim) of (N, LdY).</summary>
internal sealed record DenseForwardCase(int Seed, int N, int InDim, int OutDim, int LdX, int LdY, int YOffset, bool Relu, bool Bias) : KernelCase(Seed)
{
    public override string Kernel => nameof(HybridKernels.DenseForward);

    public static DenseForwardCase Draw(Random rng, CaseSize size, int seed)
    {
        int n = Kernels.Draw.Rows(rng, size);
        int inDim = size == CaseSize.Large ? 100 : Kernels.Draw.Dim(rng, size) + (size == CaseSize.Tiny ? rng.Next(0, 40) : 0);
        int outDim = size == CaseSize.Large ? 25 : Kernels.Draw.Dim(rng, size);
        int yOffset = Kernels.Draw.Pad(rng);
        return new(seed, n, inDim, outDim, inDim + Kernels.Draw.Pad(rng), yOffset + outDim + Kernels.Draw.Pad(rng), yOffset,
            rng.Next(2) == 0, rng.Next(4) != 0);
    }

    public override CheckResult Run(ComputeDevice device)
    {
        var rng = Values();
        var x = Kernels.Draw.Floats(rng, (long)N * LdX);
        var w = Kernels.Draw.Floats(rng, (long)OutDim * InDim);
        var b = Bias ? Kernels.Draw.Floats(rng, OutDim) : [];
        var y = Kernels.Draw.Floats(rng, (long)N * LdY);
        using var buffers = new DeviceBuffers(device.Accelerator);
        var dY = buffers.Upload(y);
        device.Kernels.DenseForward(buffers.Upload(x), LdX, N, InDim, buffers.Upload(w), buffers.Upload(b), OutDim, dY, LdY, YOffset, Relu);
        device.Synchronize();
        CpuTwins.DenseForward(x, LdX, N, InDim, w, b, OutDim, y, LdY, YOffset, Relu);
        return Compare("y", y, DeviceBuffers.Download(dY), Tolerances.Sum(InDim + 1));
    }
}

/// <summary>DenseBackwardInput: dx = dy · W[:, ColStart..ColStart+ColCount) for W (OutDim, LdW).</summary>
internal sealed record DenseBackwardInputCase(int Seed, int N, int OutDim, int LdW, int ColStart, int ColCount, int LdDy, int DyOffset, int LdDx, int DxOffset) : KernelCase(Seed)
{
    public override string Kernel => nameof(HybridKernels.DenseBackwardInput);

    public static DenseBackwardInputCase Draw(Random rng, CaseSize size, int seed)
    {
        int n = Kernels.Draw.Rows(rng, size);
        int outDim = size == CaseSize.Large ? 25 : Kernels.Draw.Dim(rng, size);
        int colCount = size == CaseSize.Large ? 50 : Kernels.Draw.Dim(rng, size);
        int colStart = size == CaseSize.Large ? 50 * rng.Next(2) : rng.Next(0, 4);
        int ldW = size == CaseSize.Large ? 100 : colStart + colCount + Kernels.Draw.Pad(rng);
        int dyOffset = Kernels.Draw.Pad(rng), dxOffset = Kernels.Draw.Pad(rng);
        return new(seed, n, outDim, ldW, colStart, colCount, dyOffset + outDim + Kernels.Draw.Pad(rng), dyOffset,
            dxOffset + colCount + Kernels.Draw.Pad(rng), dxOffset);
    }

    public override CheckResult Run(ComputeDevice device)
    {
        var rng = Values();
        var dy = Kernels.Draw.Floats(rng, (long)N * LdDy);
        var w = Kernels.Draw.Floats(rng, (long)OutDim * LdW);
        var dx = Kernels.Draw.Floats(rng, (long)N * LdDx);
        using var buffers = new DeviceBuffers(device.Accelerator);
        var dDx = buffers.Upload(dx);
        device.Kernels.DenseBackwardInput(buffers.Upload(dy), LdDy, DyOffset, N, OutDim, buffers.Upload(w), LdW, ColStart, ColCount, dDx, LdDx, DxOffset);
        device.Synchronize();
        CpuTwins.DenseBackwardInput(dy, LdDy, DyOffset, N, OutDim, w, LdW, ColStart, ColCount, dx, LdDx, DxOffset);
        return Compare("dx", dx, DeviceBuffers.Download(dDx), Tolerances.Sum(OutDim));
    }
}

/// <summary>DenseBackwardWeights: dw = dyᵀ·x (OutDim, InDim) and db = Σ dy, split over row chunks.</summary>
internal sealed record DenseBackwardWeightsCase(int Seed, int N, int OutDim, int InDim, int LdDy, int DyOffset, int LdX, int XOffset, bool Bias) : KernelCase(Seed)
{
    public override string Kernel => nameof(HybridKernels.DenseBackwardWeights);

    public static DenseBackwardWeightsCase Draw(Random rng, CaseSize size, int seed)
    {
        int n = size == CaseSize.Tiny ? rng.Next(0, 80) : Kernels.Draw.Rows(rng, size);
        int outDim = size == CaseSize.Large ? 25 : Kernels.Draw.Dim(rng, size);
        int inDim = size == CaseSize.Large ? 100 : Kernels.Draw.Dim(rng, size);
        int dyOffset = Kernels.Draw.Pad(rng), xOffset = Kernels.Draw.Pad(rng);
        return new(seed, n, outDim, inDim, dyOffset + outDim + Kernels.Draw.Pad(rng), dyOffset,
            xOffset + inDim + Kernels.Draw.Pad(rng), xOffset, rng.Next(4) != 0);
    }

    public override CheckResult Run(ComputeDevice device)
    {
        var rng = Values();
        var dy = Kernels.Draw.Floats(rng, (long)N * LdDy);
        var x = Kernels.Draw.Floats(rng, (long)N * LdX);
        var dw = Kernels.Draw.Floats(rng, (long)OutDim * InDim);
        var db = Bias ? Kernels.Draw.Floats(rng, OutDim) : [];
        using var buffers = new DeviceBuffers(device.Accelerator);
        var dDw = buffers.Upload(dw);
        var dDb = buffers.Upload(db);
        device.Kernels.DenseBackwardWeights(buffers.Upload(dy), LdDy, DyOffset, buffers.Upload(x), LdX, XOffset, N, OutDim, InDim, dDw, dDb);
        device.Synchronize();
        CpuTwins.DenseBackwardWeights(dy, LdDy, DyOffset, x, LdX, XOffset, N, OutDim, InDim, dw, db);
        var t = Tolerances.Sum(N);
        return Worst(Compare("dw", dw, DeviceBuffers.Download(dDw), t), Compare("db", db, DeviceBuffers.Download(dDb), t));
    }
}
