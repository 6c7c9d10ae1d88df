namespace HybridRec.Kernels;

/// <summary>DotForward: P (Users, Dim) · Q (Movies, Dim) per sample into column OutOffset of (N, Ld).</summary>
internal sealed record DotForwardCase(int Seed, int Users, int Movies, int Dim, int N, int Ld, int OutOffset) : KernelCase(Seed)
{
    public override string Kernel => nameof(HybridKernels.DotForward);

    public static DotForwardCase Draw(Random rng, CaseSize size, int seed)
    {
        int offset = rng.Next(0, 3);
        int users = size == CaseSize.Large ? 200_000 : rng.Next(1, 20);
        int movies = size == CaseSize.Large ? 60_000 : rng.Next(1, 20);
        return new(seed, users, movies, Kernels.Draw.ModelDim(rng, size) + (size == CaseSize.Tiny ? rng.Next(0, 40) : 0),
            Kernels.Draw.Rows(rng, size), offset + 1 + Kernels.Draw.Pad(rng), offset);
    }

    public override CheckResult Run(ComputeDevice device)
    {
        var rng = Values();
        var p = Kernels.Draw.Floats(rng, (long)Users * Dim);
        var q = Kernels.Draw.Floats(rng, (long)Movies * Dim);
        var users = Kernels.Draw.Ints(rng, N, Users);
        var movies = Kernels.Draw.Ints(rng, N, Movies);
        var output = Kernels.Draw.Floats(rng, (long)N * Ld);
        using var buffers = new DeviceBuffers(device.Accelerator);
        var dOut = buffers.Upload(output);
        device.Kernels.DotForward(buffers.Upload(p), buffers.Upload(q), Dim, buffers.Upload(users), buffers.Upload(movies), N, dOut, Ld, OutOffset);
        device.Synchronize();
        CpuTwins.DotForward(p, q, Dim, users, movies, N, output, Ld, OutOffset);
        return Compare("output", output, DeviceBuffers.Download(dOut), Tolerances.Sum(Dim));
    }
}

/// <summary>DotBackward into per-sample dp and dq column ranges.</summary>
internal sealed record DotBackwardCase(int Seed, int Users, int Movies, int Dim, int N, int LdDz, int DzOffset, int LdDp, int DpOffset, int LdDq, int DqOffset) : KernelCase(Seed)
{
    public override string Kernel => nameof(HybridKernels.DotBackward);

    public static DotBackwardCase Draw(Random rng, CaseSize size, int seed)
    {
        int dim = Kernels.Draw.ModelDim(rng, size);
        int dz = rng.Next(0, 3), dp = Kernels.Draw.Pad(rng), dq = Kernels.Draw.Pad(rng);
        int users = size == CaseSize.Large ? 200_000 : rng.Next(1, 20);
        int movies = size == CaseSize.Large ? 60_000 : rng.Next(1, 20);
        return new(seed, users, movies, dim, Kernels.Draw.Rows(rng, size),
            dz + 1 + Kernels.Draw.Pad(rng), dz, dp + dim + Kernels.Draw.Pad(rng), dp, dq + dim + Kernels.Draw.Pad(rng), dq);
    }

    public override CheckResult Run(ComputeDevice device)
    {
        var rng = Values();
        var dz = Kernels.Draw.Floats(rng, (long)N * LdDz);
        var p = Kernels.Draw.Floats(rng, (long)Users * Dim);
        var q = Kernels.Draw.Floats(rng, (long)Movies * Dim);
        var users = Kernels.Draw.Ints(rng, N, Users);
        var movies = Kernels.Draw.Ints(rng, N, Movies);
        var dp = Kernels.Draw.Floats(rng, (long)N * LdDp);
        var dq = Kernels.Draw.Floats(rng, (long)N * LdDq);
        using var buffers = new DeviceBuffers(device.Accelerator);
        var dDp = buffers.Upload(dp);
        var dDq = buffers.Upload(dq);
        device.Kernels.DotBackward(buffers.Upload(dz), LdDz, DzOffset, buffers.Upload(p), buffers.Upload(q), Dim,
            buffers.Upload(users), buffers.Upload(movies), N, dDp, LdDp, DpOffset, dDq, LdDq, DqOffset);
        device.Synchronize();
        CpuTwins.DotBackward(dz, LdDz, DzOffset, p, q, Dim, users, movies, N, dp, LdDp, DpOffset, dq, LdDq, DqOffset);
        return Worst(Compare("dp", dp, DeviceBuffers.Download(dDp), Tolerances.Exact),
                     Compare("dq", dq, DeviceBuffers.Download(dDq), Tolerances.Exact));
    }
}

/// <summary>OutputForward over the first Width columns of (N, Ld), with or without per-user/movie biases.</summary>
internal sealed record OutputForwardCase(int Seed, int N, int Width, int Ld, bool UseBiases, int Users, int Movies) : KernelCase(Seed)
{
    public override string Kernel => nameof(HybridKernels.OutputForward);

    public static OutputForwardCase Draw(Random rng, CaseSize size, int seed)
    {
        int width = size == CaseSize.Large ? 76 : Kernels.Draw.Dim(rng, size) + rng.Next(0, 4);
        int users = size == CaseSize.Large ? 200_000 : rng.Next(1, 20);
        int movies = size == CaseSize.Large ? 60_000 : rng.Next(1, 20);
        return new(seed, Kernels.Draw.Rows(rng, size), width, width + Kernels.Draw.Pad(rng), rng.Next(2) == 0, users, movies);
    }

    public override CheckResult Run(ComputeDevice device)
    {
        var rng = Values();
        var c = Kernels.Draw.Floats(rng, (long)N * Ld);
        var wo = Kernels.Draw.Floats(rng, Width);
        var bo = Kernels.Draw.Floats(rng, 1);
        var ub = UseBiases ? Kernels.Draw.Floats(rng, Users) : [];
        var mb = UseBiases ? Kernels.Draw.Floats(rng, Movies) : [];
        var users = UseBiases ? Kernels.Draw.Ints(rng, N, Users) : [];
        var movies = UseBiases ? Kernels.Draw.Ints(rng, N, Movies) : [];
        float offset = rng.NextSingle();
        var y = Kernels.Draw.Floats(rng, N);
        using var buffers = new DeviceBuffers(device.Accelerator);
        var dY = buffers.Upload(y);
        device.Kernels.OutputForward(buffers.Upload(c), Ld, Width, N, buffers.Upload(wo), buffers.Upload(bo), UseBiases,
            buffers.Upload(ub), buffers.Upload(mb), buffers.Upload(users), buffers.Upload(movies), offset, dY);
        device.Synchronize();
        CpuTwins.OutputForward(c, Ld, Width, N, wo, bo, UseBiases, ub, mb, users, movies, offset, y);
        return Compare("y", y, DeviceBuffers.Download(dY), Tolerances.Sum(Width + 4));
    }
}

/// <summary>OutputBackward: dy·wo with the ReLU mask from MaskFrom on, into a padded buffer.</summary>
internal sealed record OutputBackwardCase(int Seed, int N, int Width, int MaskFrom, int LdC, int LdDc) : KernelCase(Seed)
{
    public override string Kernel => nameof(HybridKernels.OutputBackward);

    public static OutputBackwardCase Draw(Random rng, CaseSize size, int seed)
    {
        int width = Kernels.Draw.ModelDim(rng, size);
        return new(seed, Kernels.Draw.Rows(rng, size), width, rng.Next(0, width + 1), width + Kernels.Draw.Pad(rng), width + Kernels.Draw.Pad(rng));
    }

    public override CheckResult Run(ComputeDevice device)
    {
        var rng = Values();
        var dy = Kernels.Draw.Floats(rng, N);
        var wo = Kernels.Draw.Floats(rng, Width);
        var c = Kernels.Draw.Floats(rng, (long)N * LdC);
        for (int i = 0; i < c.Length; i += 5) c[i] = 0f;
        var dc = Kernels.Draw.Floats(rng, (long)N * LdDc);
        using var buffers = new DeviceBuffers(device.Accelerator);
        var dDc = buffers.Upload(dc);
        device.Kernels.OutputBackward(buffers.Upload(dy), buffers.Upload(wo), Width, MaskFrom, buffers.Upload(c), LdC, N, dDc, LdDc);
        device.Synchronize();
        CpuTwins.OutputBackward(dy, wo, Width, MaskFrom, c, LdC, N, dc, LdDc);
        return Compare("dc", dc, DeviceBuffers.Download(dDc), Tolerances.Exact);
    }
}
