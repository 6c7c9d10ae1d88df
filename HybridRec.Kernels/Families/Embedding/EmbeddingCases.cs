namespace HybridRec.Kernels;

/// <summary>GatherRows: an (R, Dim) table gathered into columns [OutOffset, OutOffset+Dim) of an (N, Ld) buffer.</summary>
internal sealed record GatherRowsCase(int Seed, int TableRows, int Dim, int N, int Ld, int OutOffset) : KernelCase(Seed)
{
    public override string Kernel => nameof(HybridKernels.GatherRows);

    public static GatherRowsCase Draw(Random rng, CaseSize size, int seed)
    {
        int dim = Kernels.Draw.ModelDim(rng, size);
        int offset = Kernels.Draw.Pad(rng);
        int rows = size == CaseSize.Large ? 200_000 : rng.Next(1, 60);
        return new(seed, rows, dim, Kernels.Draw.Rows(rng, size), offset + dim + Kernels.Draw.Pad(rng), offset);
    }

    public override CheckResult Run(ComputeDevice device)
    {
        var rng = Values();
        var table = Kernels.Draw.Floats(rng, (long)TableRows * Dim);
        var idx = Kernels.Draw.Ints(rng, N, TableRows);
        var output = Kernels.Draw.Floats(rng, (long)N * Ld);
        using var buffers = new DeviceBuffers(device.Accelerator);
        var dOut = buffers.Upload(output);
        device.Kernels.GatherRows(buffers.Upload(table), Dim, buffers.Upload(idx), N, dOut, Ld, OutOffset);
        device.Synchronize();
        CpuTwins.GatherRows(table, Dim, idx, N, output, Ld, OutOffset);
        return Compare("output", output, DeviceBuffers.Download(dOut), Tolerances.Exact);
    }
}

/// <summary>
/// Segment sums over a batch of <c>Batch</c> samples drawn (skewed) from <c>TableRows</c> rows: SegmentSumRows
/// (with the L2 term when <c>L2</c>) or SegmentSumCompact, per <c>Variant</c>.
/// </summary>
internal sealed record SegmentSumCase(int Seed, string Variant, int TableRows, int Dim, int Batch, int LdSrc, int SrcOffset, bool L2) : KernelCase(Seed)
{
    public override string Kernel => Variant;

    public static SegmentSumCase Draw(Random rng, CaseSize size, int seed, string variant)
    {
        int dim = Kernels.Draw.ModelDim(rng, size);
        int offset = Kernels.Draw.Pad(rng);
        int rows = size switch { CaseSize.Large => 60_000, CaseSize.Small => Kernels.Draw.Pick(rng, [1, 5, 300, 2000]), _ => rng.Next(1, 12) };
        bool l2 = variant == nameof(HybridKernels.SegmentSumRows) && rng.Next(2) == 0;
        return new(seed, variant, rows, dim, Kernels.Draw.Rows(rng, size), offset + dim + Kernels.Draw.Pad(rng), offset, l2);
    }

    public override CheckResult Run(ComputeDevice device)
    {
        var rng = Values();
        var src = Kernels.Draw.Floats(rng, (long)Batch * LdSrc);
        var rowOfSample = Kernels.Draw.SkewedRows(rng, Batch, TableRows);
        var list = SegmentList.Build(rowOfSample);
        using var buffers = new DeviceBuffers(device.Accelerator);
        var dSrc = buffers.Upload(src);
        var k = device.Kernels;
        switch (Variant)
        {
            case nameof(HybridKernels.SegmentSumRows):
            {
                var dst = Kernels.Draw.Floats(rng, (long)TableRows * Dim);
                var param = Kernels.Draw.Floats(rng, (long)TableRows * Dim);
                float l2Scale = L2 ? 0.01f + 0.5f * rng.NextSingle() : 0f;
                var dDst = buffers.Upload(dst);
                k.SegmentSumRows(dSrc, LdSrc, SrcOffset, Dim, buffers.Upload(list.Rows), buffers.Upload(list.Offsets),
                    buffers.Upload(list.Samples), list.Count, dDst, buffers.Upload(param), l2Scale);
                device.Synchronize();
                CpuTwins.SegmentSumRows(src, LdSrc, SrcOffset, Dim, list.Rows, list.Offsets, list.Samples, list.Count, dst, param, l2Scale);
                return Compare("dst", dst, DeviceBuffers.Download(dDst), Tolerances.Sum(list.MaxLength + 1));
            }
            default:
            {
                var dst = new float[(long)list.Count * Dim];
                var dDst = buffers.Upload(Kernels.Draw.Floats(rng, dst.Length));
                k.SegmentSumCompact(dSrc, LdSrc, SrcOffset, Dim, buffers.Upload(list.Offsets), buffers.Upload(list.Samples), list.Count, dDst);
                device.Synchronize();
                CpuTwins.SegmentSumCompact(src, LdSrc, SrcOffset, Dim, list.Offsets, list.Samples, list.Count, dst);
                return Compare("dst", dst, DeviceBuffers.Download(dDst), Tolerances.Sum(list.MaxLength));
            }
        }
    }
}
