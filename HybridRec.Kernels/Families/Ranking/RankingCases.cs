namespace HybridRec.Kernels;

/// <summary>Shapes shared by the ranking-head cases: candidates per sample and the tables' sizes.</summary>
internal static class RankingDraw
{
    private static readonly int[] SmallWidths = [1, 2, 5, 17, 65];

    /// <summary>1 + k: tiny 1–9, small from {1, 2, 5, 17, 65}, large 65 (64 negatives).</summary>
    public static int Width(Random rng, CaseSize size) => size switch
    {
        CaseSize.Tiny => rng.Next(1, 10),
        CaseSize.Small => Draw.Pick(rng, SmallWidths),
        _ => 65,
    };

    /// <summary>Samples: as <see cref="Draw.Rows"/>, but 16 411 or 65 536 for large cases (≈ 1–4 M candidate entries of 65).</summary>
    public static int Rows(Random rng, CaseSize size) => size == CaseSize.Large ? Draw.Pick(rng, [16_411, 65_536]) : Draw.Rows(rng, size);

    public static int Users(Random rng, CaseSize size) => size == CaseSize.Large ? 200_000 : rng.Next(1, 20);

    public static int Movies(Random rng, CaseSize size) => size == CaseSize.Large ? 60_000 : rng.Next(1, 30);

    /// <summary>A candidate mask with column 0 always 1 and each other entry 0 with probability <paramref name="maskedRate"/>.</summary>
    public static byte[] Mask(Random rng, int n, int width, double maskedRate)
    {
        var mask = new byte[(long)n * width];
        for (int i = 0; i < mask.Length; i++) mask[i] = i % width == 0 || rng.NextDouble() >= maskedRate ? (byte)1 : (byte)0;
        return mask;
    }

    /// <summary>
    /// SoftmaxCrossEntropy's gradient: each element is scale·(softmax − [j = 0]), |·| ≤ |scale|; the kernel's float
    /// exp, sum of <paramref name="width"/> terms and division: atol |scale|·(1e-5 + 1e-7·width), rtol 1e-4 (the sum rule
    /// in units of the scale).
    /// </summary>
    public static Tolerance Gradient(float scale, int width) => new(Math.Abs(scale) * (1e-5 + 1e-7 * width), 1e-4);

    /// <summary>
    /// SoftmaxCrossEntropy's loss sum (double over rows, float within a row): per row, a few ulps of
    /// max|l| + log(width) (the max, the log and the subtraction) plus the float sum of width exponentials:
    /// atol n·(1e-6 + 5e-7·(max|l| + log width) + 1e-7·width), rtol 1e-6.
    /// </summary>
    public static Tolerance Loss(int n, int width, double maxAbsLogit) =>
        new(n * (1e-6 + 5e-7 * (maxAbsLogit + Math.Log(width)) + 1e-7 * width), 1e-6);

    public const string GradientRule = "grad: atol |scale|·(1e-5 + 1e-7·width), rtol 1e-4";

    public const string LossRule = "lossSum: atol n·(1e-6 + 5e-7·(max|l| + ln width) + 1e-7·width), rtol 1e-6";
}

/// <summary>RankScores over N samples of Width candidates into a padded (N, Ld) buffer, with or without logQ.</summary>
internal sealed record RankScoresCase(int Seed, int Users, int Movies, int Dim, int N, int Width, int Ld, bool UseLogQ) : KernelCase(Seed)
{
    public override string Kernel => nameof(HybridKernels.RankScores);

    public static RankScoresCase Draw(Random rng, CaseSize size, int seed)
    {
        int width = RankingDraw.Width(rng, size);
        int dim = Kernels.Draw.ModelDim(rng, size) + (size == CaseSize.Tiny ? rng.Next(0, 40) : 0);
        return new(seed, RankingDraw.Users(rng, size), RankingDraw.Movies(rng, size), dim, RankingDraw.Rows(rng, size),
            width, width + Kernels.Draw.Pad(rng), rng.Next(2) == 0);
    }

    public override CheckResult Run(ComputeDevice device)
    {
        var rng = Values();
        var p = Kernels.Draw.Floats(rng, (long)Users * Dim);
        var q = Kernels.Draw.Floats(rng, (long)Movies * Dim);
        var bias = Kernels.Draw.Floats(rng, Movies);
        var logQ = UseLogQ ? Kernels.Draw.Floats(rng, Movies, -8f, 0f) : [];
        var users = Kernels.Draw.Ints(rng, N, Users);
        var candidates = Kernels.Draw.Ints(rng, N * Width, Movies);
        var logits = Kernels.Draw.Floats(rng, (long)N * Ld);
        using var buffers = new DeviceBuffers(device.Accelerator);
        var dLogits = buffers.Upload(logits);
        device.Kernels.RankScores(buffers.Upload(p), buffers.Upload(q), buffers.Upload(bias), buffers.Upload(logQ), UseLogQ, Dim,
            buffers.Upload(users), buffers.Upload(candidates), Width, N, dLogits, Ld);
        device.Synchronize();
        CpuTwins.RankScores(p, q, bias, logQ, UseLogQ, Dim, users, candidates, Width, N, logits, Ld);
        // logQ ∈ [−8, 0] adds one term of magnitude ≤ 8: 8 more units of the sum rule.
        return Compare("logits", logits, DeviceBuffers.Download(dLogits), Tolerances.Sum(Dim + 2 + (UseLogQ ? 8 : 0)));
    }
}

/// <summary>
/// SoftmaxCrossEntropy over N rows of Width logits (spread ±Spread, shifted by Shift), a random mask (MaskedRate of
/// the negatives out), padded leading dimensions, a non-zero running loss sum.
/// </summary>
internal sealed record SoftmaxCrossEntropyCase(int Seed, int N, int Width, int LdLogits, int LdGrad, double MaskedRate, float Spread, float Shift) : KernelCase(Seed)
{
    public override string Kernel => nameof(HybridKernels.SoftmaxCrossEntropy);

    public static SoftmaxCrossEntropyCase Draw(Random rng, CaseSize size, int seed)
    {
        int width = RankingDraw.Width(rng, size);
        double masked = Kernels.Draw.Pick(rng, [0.0, 0.0, 0.3, 1.0]);
        float spread = Kernels.Draw.Pick(rng, [0.5f, 4f, 12f]);
        float shift = Kernels.Draw.Pick(rng, [0f, 0f, -20f, 30f]);
        return new(seed, RankingDraw.Rows(rng, size), width, width + Kernels.Draw.Pad(rng), width + Kernels.Draw.Pad(rng), masked, spread, shift);
    }

    public override CheckResult Run(ComputeDevice device)
    {
        var rng = Values();
        var logits = Kernels.Draw.Floats(rng, (long)N * LdLogits, Shift - Spread, Shift + Spread);
        var mask = RankingDraw.Mask(rng, N, Width, MaskedRate);
        var grad = Kernels.Draw.Floats(rng, (long)N * LdGrad);
        double[] loss = [1.0 + rng.NextDouble()];
        float scale = (0.1f + rng.NextSingle()) / Math.Max(1, N);
        using var buffers = new DeviceBuffers(device.Accelerator);
        var dGrad = buffers.Upload(grad);
        var dLoss = buffers.Upload(loss);
        device.Kernels.SoftmaxCrossEntropy(buffers.Upload(logits), LdLogits, buffers.Upload(mask), Width, N, scale, dGrad, LdGrad, dLoss);
        device.Synchronize();
        CpuTwins.SoftmaxCrossEntropy(logits, LdLogits, mask, Width, N, scale, grad, LdGrad, loss);
        return Worst(Compare("grad", grad, DeviceBuffers.Download(dGrad), RankingDraw.Gradient(scale, Width)),
                     Compare("lossSum", loss, DeviceBuffers.Download(dLoss), RankingDraw.Loss(N, Width, Math.Abs(Shift) + Spread)));
    }
}

/// <summary>RankBackward from an (N, LdGrad) gradient into padded per-sample and per-candidate rows, with or without the L2 term.</summary>
internal sealed record RankBackwardCase(int Seed, int Users, int Movies, int Dim, int N, int Width, int LdGrad, int LdDp, int LdDq, bool L2) : KernelCase(Seed)
{
    public override string Kernel => nameof(HybridKernels.RankBackward);

    public static RankBackwardCase Draw(Random rng, CaseSize size, int seed)
    {
        int width = RankingDraw.Width(rng, size);
        int dim = Kernels.Draw.ModelDim(rng, size);
        return new(seed, RankingDraw.Users(rng, size), RankingDraw.Movies(rng, size), dim, RankingDraw.Rows(rng, size), width,
            width + Kernels.Draw.Pad(rng), dim + Kernels.Draw.Pad(rng), dim + 1 + Kernels.Draw.Pad(rng), rng.Next(2) == 0);
    }

    public override CheckResult Run(ComputeDevice device)
    {
        var rng = Values();
        var grad = Kernels.Draw.Floats(rng, (long)N * LdGrad);
        var p = Kernels.Draw.Floats(rng, (long)Users * Dim);
        var q = Kernels.Draw.Floats(rng, (long)Movies * Dim);
        var bias = Kernels.Draw.Floats(rng, Movies);
        var users = Kernels.Draw.Ints(rng, N, Users);
        var candidates = Kernels.Draw.Ints(rng, N * Width, Movies);
        var dp = Kernels.Draw.Floats(rng, (long)N * LdDp);
        var dq = Kernels.Draw.Floats(rng, (long)N * Width * LdDq);
        float l2Scale = L2 ? 0.01f + 0.5f * rng.NextSingle() : 0f;
        using var buffers = new DeviceBuffers(device.Accelerator);
        var dDp = buffers.Upload(dp);
        var dDq = buffers.Upload(dq);
        device.Kernels.RankBackward(buffers.Upload(grad), LdGrad, buffers.Upload(p), buffers.Upload(q), buffers.Upload(bias), Dim,
            buffers.Upload(users), buffers.Upload(candidates), Width, N, l2Scale, dDp, LdDp, dDq, LdDq);
        device.Synchronize();
        CpuTwins.RankBackward(grad, LdGrad, p, q, bias, Dim, users, candidates, Width, N, l2Scale, dp, LdDp, dq, LdDq);
        return Worst(Compare("dp", dp, DeviceBuffers.Download(dDp), Tolerances.Sum(Width)),
                     Compare("dq", dq, DeviceBuffers.Download(dDq), L2 ? Tolerances.Axpy : Tolerances.Exact));
    }
}
