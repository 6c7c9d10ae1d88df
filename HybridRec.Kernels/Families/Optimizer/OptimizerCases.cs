namespace HybridRec.Kernels;

/// <summary>AdamDense over Length elements at step Step (moments from earlier steps, v ≥ 0).</summary>
internal sealed record AdamDenseCase(int Seed, int Length, long Step) : KernelCase(Seed)
{
    public override string Kernel => nameof(HybridKernels.AdamDense);

    public static AdamDenseCase Draw(Random rng, CaseSize size, int seed)
    {
        int length = size switch { CaseSize.Large => 5_000_001, CaseSize.Small => Kernels.Draw.Pick(rng, [1, 7, 1000, 30_001]), _ => rng.Next(0, 60) };
        return new(seed, length, Kernels.Draw.Pick(rng, [1L, 2L, 10L, 1000L, 100_000L]));
    }

    public override CheckResult Run(ComputeDevice device)
    {
        var rng = Values();
        var (param, grad, m, v) = AdamState.Draw(rng, Length);
        var c = AdamState.Coefficients(Step);
        using var buffers = new DeviceBuffers(device.Accelerator);
        var (dp, dg, dm, dv) = AdamState.Upload(buffers, param, grad, m, v);
        device.Kernels.AdamDense(dp, dg, dm, dv, c);
        device.Synchronize();
        CpuTwins.AdamDense(param, grad, m, v, c);
        return AdamState.Compare(param, grad, m, v, dp, dg, dm, dv);
    }
}

/// <summary>AdamRows on RowCount distinct rows of a (Rows, Dim) slice.</summary>
internal sealed record AdamRowsCase(int Seed, int Rows, int Dim, int RowCount, long Step) : KernelCase(Seed)
{
    public override string Kernel => nameof(HybridKernels.AdamRows);

    public static AdamRowsCase Draw(Random rng, CaseSize size, int seed)
    {
        int rows = size switch { CaseSize.Large => 200_000, CaseSize.Small => Kernels.Draw.Pick(rng, [1, 50, 3000]), _ => rng.Next(1, 30) };
        int dim = Kernels.Draw.ModelDim(rng, size);
        int count = size == CaseSize.Large ? 100_000 : rng.Next(0, rows + 1);
        return new(seed, rows, dim, count, Kernels.Draw.Pick(rng, [1L, 3L, 500L]));
    }

    public override CheckResult Run(ComputeDevice device)
    {
        var rng = Values();
        var (param, grad, m, v) = AdamState.Draw(rng, (long)Rows * Dim);
        var rows = Enumerable.Range(0, Rows).OrderBy(_ => rng.Next()).Take(RowCount).Order().ToArray();
        var c = AdamState.Coefficients(Step);
        using var buffers = new DeviceBuffers(device.Accelerator);
        var (dp, dg, dm, dv) = AdamState.Upload(buffers, param, grad, m, v);
        device.Kernels.AdamRows(dp, dg, dm, dv, Dim, buffers.Upload(rows), RowCount, c);
        device.Synchronize();
        CpuTwins.AdamRows(param, grad, m, v, Dim, rows, RowCount, c);
        return AdamState.Compare(param, grad, m, v, dp, dg, dm, dv);
    }
}

/// <summary>AddScaled over Length elements.</summary>
internal sealed record AddScaledCase(int Seed, int Length) : KernelCase(Seed)
{
    public override string Kernel => nameof(HybridKernels.AddScaled);

    public static AddScaledCase Draw(Random rng, CaseSize size, int seed) => new(seed, size switch
    {
        CaseSize.Large => 5_000_001,
        CaseSize.Small => Kernels.Draw.Pick(rng, [1, 7, 1000, 30_001]),
        _ => rng.Next(0, 60),
    });

    public override CheckResult Run(ComputeDevice device)
    {
        var rng = Values();
        var dst = Kernels.Draw.Floats(rng, Length);
        var src = Kernels.Draw.Floats(rng, Length);
        float alpha = 2e-4f * rng.NextSingle();
        using var buffers = new DeviceBuffers(device.Accelerator);
        var dDst = buffers.Upload(dst);
        device.Kernels.AddScaled(dDst, buffers.Upload(src), alpha);
        device.Synchronize();
        CpuTwins.AddScaled(dst, src, alpha);
        return Compare("dst", dst, DeviceBuffers.Download(dDst), Tolerances.Axpy);
    }
}

/// <summary>Random Adam state: params ±0.05, gradients ±1 (some exact zeros), m ±0.1, v in [0, 0.01).</summary>
internal static class AdamState
{
    public static (float[] Param, float[] Grad, float[] M, float[] V) Draw(Random rng, long length)
    {
        var param = Kernels.Draw.Floats(rng, length, -0.05f, 0.05f);
        var grad = Kernels.Draw.Floats(rng, length);
        for (long i = 0; i < length; i += 5) grad[i] = 0f;
        var m = Kernels.Draw.Floats(rng, length, -0.1f, 0.1f);
        var v = Kernels.Draw.Floats(rng, length, 0f, 0.01f);
        return (param, grad, m, v);
    }

    /// <summary>The coefficients of step <paramref name="step"/> at lr 1e-3, β 0.9/0.999, ε 1e-7.</summary>
    public static AdamCoefficients Coefficients(long step) => AdamCoefficients.ForStep(step, 1e-3f, 0.9f, 0.999f, 1e-7f);

    public static (ILGPU.ArrayView<float> P, ILGPU.ArrayView<float> G, ILGPU.ArrayView<float> M, ILGPU.ArrayView<float> V) Upload(
        DeviceBuffers buffers, float[] param, float[] grad, float[] m, float[] v) =>
        (buffers.Upload(param), buffers.Upload(grad), buffers.Upload(m), buffers.Upload(v));

    public static CheckResult Compare(float[] param, float[] grad, float[] m, float[] v,
        ILGPU.ArrayView<float> dp, ILGPU.ArrayView<float> dg, ILGPU.ArrayView<float> dm, ILGPU.ArrayView<float> dv)
    {
        var t = Tolerances.Adam;
        return new[]
        {
            KernelCheck.Compare(param, DeviceBuffers.Download(dp), t.Atol, t.Rtol).WithLabel("param"),
            KernelCheck.Compare(grad, DeviceBuffers.Download(dg), 0, 0).WithLabel("grad"),
            KernelCheck.Compare(m, DeviceBuffers.Download(dm), t.Atol, t.Rtol).WithLabel("m"),
            KernelCheck.Compare(v, DeviceBuffers.Download(dv), t.Atol, t.Rtol).WithLabel("v"),
        }.Aggregate(CheckResult.Worse);
    }
}
