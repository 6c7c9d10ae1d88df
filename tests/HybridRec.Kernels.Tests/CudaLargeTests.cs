using System.Diagnostics;
using System.Globalization;
using System.Text;
using HybridRec.Kernels;
using ILGPU;
using ILGPU.Runtime;

namespace HybridRec.Kernels.Tests;

/// <summary>
/// GPU-sized checks (Category=CudaLarge, skipped without CUDA): the self-test with B ≈ 1M cases, and launch timings
/// of every kernel at B = 2^20 with the model's widths (E = 50, towers 25, 20 genres, 1000 tags).
/// </summary>
[Trait("Category", "CudaLarge")]
public sealed class CudaLargeTests(CudaDeviceFixture fixture, ITestOutputHelper output) : IClassFixture<CudaDeviceFixture>
{
    [Fact]
    public void SelfTestWithGpuSizedCasesPasses()
    {
        var device = fixture.RequireDevice();
        var reports = KernelSelfTest.RunAll(device, seed: 1, casesPerKernel: 3, large: true);
        var text = KernelSelfTest.Format(device.Info, reports);
        output.WriteLine(text);
        Assert.All(reports, r => Assert.True(r.Passed, r.ToString()));
    }

    [Fact]
    public void TimingsAtOneMillionSamples()
    {
        var device = fixture.RequireDevice();
        output.WriteLine(KernelTimings.Run(device, batch: 1 << 20, userCount: 200_000, movieCount: 60_000, repeats: 10));
    }
}

/// <summary>Times every launch method on model-shaped buffers (E = 50, towers 25, 20 genres, 1000 tags).</summary>
internal static class KernelTimings
{
    public static string Run(ComputeDevice device, int batch, int userCount, int movieCount, int repeats)
    {
        var acc = device.Accelerator;
        var k = device.Kernels;
        int B = batch, U = userCount, M = movieCount;
        const int E = 50, H = 25, K = 1 + 3 * H, G = 20, T = 1000;
        var rng = new Random(1);
        using var owned = new Owned(acc);

        var users = Draw.SkewedRows(rng, B, U);
        var movies = Draw.SkewedRows(rng, B, M);
        var userList = SegmentList.Build(users);
        var movieList = SegmentList.Build(movies);
        var (gOff, gIdx) = Draw.Features(rng, M, G, 5);
        var (tOff, tIdx) = Draw.Features(rng, M, T, 40);

        var dUsers = owned.Up(users);
        var dMovies = owned.Up(movies);
        var p = owned.Up(Draw.Floats(rng, (long)U * E));
        var q = owned.Up(Draw.Floats(rng, (long)M * E));
        var x = owned.Up(Draw.Floats(rng, (long)B * 2 * E));          // (B, 2E)
        var c = owned.Up(Draw.Floats(rng, (long)B * K));              // (B, K)
        var dc = owned.Up(Draw.Floats(rng, (long)B * K));
        var dx = owned.Zeros((long)B * 2 * E);
        var wn = owned.Up(Draw.Floats(rng, H * 2 * E));
        var bn = owned.Up(Draw.Floats(rng, H));
        var dwn = owned.Zeros(H * 2 * E);
        var dbn = owned.Zeros(H);
        var wg = owned.Up(Draw.Floats(rng, G * H));
        var wt = owned.Up(Draw.Floats(rng, T * H));
        var bt = owned.Up(Draw.Floats(rng, H));
        var dwt = owned.Zeros(T * H);
        var dwg = owned.Zeros(G * H);
        var gOffsets = owned.Up(gOff); var gIndices = owned.Up(gIdx);
        var tOffsets = owned.Up(tOff); var tIndices = owned.Up(tIdx);
        var mRows = owned.Up(movieList.Rows); var mOffsets = owned.Up(movieList.Offsets); var mSamples = owned.Up(movieList.Samples);
        var uRows = owned.Up(userList.Rows); var uOffsets = owned.Up(userList.Offsets); var uSamples = owned.Up(userList.Samples);
        var dq = owned.Zeros((long)M * E);
        var dp = owned.Zeros((long)U * E);
        var dhCompact = owned.Zeros((long)movieList.Count * H);
        var y = owned.Zeros(B);
        var dy = owned.Zeros(B);
        var targets = owned.Up(Draw.Floats(rng, B, 0f, 1f));
        var wo = owned.Up(Draw.Floats(rng, K));
        var bo = owned.Up(Draw.Floats(rng, 1));
        var ub = owned.Up(Draw.Floats(rng, U));
        var mb = owned.Up(Draw.Floats(rng, M));
        var loss = owned.Up(new double[1]);
        var ps = owned.Up(Draw.Floats(rng, (long)U * E, -0.05f, 0.05f));
        var gs = owned.Zeros((long)U * E);
        var ms = owned.Zeros((long)U * E);
        var vs = owned.Zeros((long)U * E);
        var adam = AdamCoefficients.ForStep(10, 1e-3f, 0.9f, 0.999f, 1e-7f);
        var chunks = k.Tuning.RowChunks(B, DenseKernels.TileR);

        var rows = new List<(string Name, string Shape, Action Launch, double Bytes)>
        {
            ("GatherRows", $"B×50 from {U}×50", () => k.GatherRows(p, E, dUsers, B, x, 2 * E, 0), 2.0 * B * E * 4),
            ("DotForward", "B, E=50", () => k.DotForward(p, q, E, dUsers, dMovies, B, c, K, 0), 2.0 * B * E * 4),
            ("DenseForward", "B×100 → 25, ReLU", () => k.DenseForward(x, 2 * E, B, 2 * E, wn, bn, H, c, K, 1, true), B * (2.0 * E + H) * 4),
            ("BagForward genres", "B, 20×25", () => k.BagForward(wg, bn, H, gOffsets, gIndices, dMovies, B, c, K, 1 + H, true), B * H * 4.0),
            ("BagForward tags", "B, 1000×25", () => k.BagForward(wt, bt, H, tOffsets, tIndices, dMovies, B, c, K, 1 + 2 * H, true), B * H * 4.0),
            ("OutputForward", "B×76, biases", () => k.OutputForward(c, K, K, B, wo, bo, true, ub, mb, dUsers, dMovies, 0.5f, y), B * (K + 2.0) * 4),
            ("MseLossGrad", "B", () => k.MseLossGrad(y, targets, B, 2f / B, dy, loss), B * 12.0),
            ("ReluBackward", "B×25", () => k.ReluBackward(dc, c, K, 1, H, B), B * H * 12.0),
            ("DotBackward", "B, E=50", () => k.DotBackward(dc, K, 0, p, q, E, dUsers, dMovies, B, dx, 2 * E, 0, dx, 2 * E, E), B * E * 16.0),
            ("DenseBackwardInput", "B×25 → 100", () => k.DenseBackwardInput(dc, K, 1, B, H, wn, 2 * E, 0, 2 * E, dx, 2 * E, 0), B * (H + 2.0 * E) * 4),
            ("DenseBackwardWeights", $"B, 25×100 + db ({chunks.Chunks} chunks)", () => k.DenseBackwardWeights(dc, K, 1, x, 2 * E, 0, B, H, 2 * E, dwn, dbn), B * (2 * H + 2.0 * E) * 4),
            ("ColumnSums", "B×25", () => k.ColumnSums(dc, K, 1, H, B, dbn), B * H * 4.0),
            ("SegmentSumRows movies", $"{movieList.Count} rows, max {movieList.MaxLength}", () => k.SegmentSumRows(dx, 2 * E, E, E, mRows, mOffsets, mSamples, movieList.Count, dq, q, 1e-4f), B * E * 4.0),
            ("SegmentSumRows users", $"{userList.Count} rows, max {userList.MaxLength}", () => k.SegmentSumRows(dx, 2 * E, 0, E, uRows, uOffsets, uSamples, userList.Count, dp, p, 0f), B * E * 4.0),
            ("ScatterAddRowsAtomic", "movies, E=50", () => k.ScatterAddRowsAtomic(dx, 2 * E, E, E, dMovies, B, dq), B * E * 8.0),
            ("SegmentSumCompact", $"{movieList.Count} movies × 25", () => k.SegmentSumCompact(dc, K, 1 + 2 * H, H, mOffsets, mSamples, movieList.Count, dhCompact), B * H * 4.0),
            ("BagBackward genres", $"{movieList.Count} movies, 20×25", () => k.BagBackward(dhCompact, H, 0, H, mRows, movieList.Count, gOffsets, gIndices, G, dwg), movieList.Count * H * 4.0),
            ("BagBackward tags", $"{movieList.Count} movies, 1000×25", () => k.BagBackward(dhCompact, H, 0, H, mRows, movieList.Count, tOffsets, tIndices, T, dwt), movieList.Count * H * 4.0),
            ("AdamRows users", $"{userList.Count} rows × 50", () => k.AdamRows(ps, gs, ms, vs, E, uRows, userList.Count, adam), userList.Count * E * 28.0),
            ("AdamDense", $"{(long)U * E} params", () => k.AdamDense(ps, gs, ms, vs, adam), (double)U * E * 28),
            ("AddScaled", $"{(long)U * E}", () => k.AddScaled(ms, ps, 1e-4f), (double)U * E * 12),
        };

        var table = new StringBuilder();
        table.AppendLine(CultureInfo.InvariantCulture, $"{device.Info}");
        table.AppendLine(CultureInfo.InvariantCulture, $"B = {B}; median of {repeats} launches after a warm-up; GB/s = bytes that must move / time");
        table.AppendLine(CultureInfo.InvariantCulture, $"{"kernel",-24} {"shape",-34} {"ms",9} {"GB/s",8}");
        foreach (var (name, shape, launch, bytes) in rows)
        {
            launch();
            device.Synchronize();
            var times = new double[repeats];
            for (int i = 0; i < times.Length; i++)
            {
                var watch = Stopwatch.StartNew();
                launch();
                device.Synchronize();
                times[i] = watch.Elapsed.TotalMilliseconds;
            }
            Array.Sort(times);
            double median = times[times.Length / 2];
            table.AppendLine(CultureInfo.InvariantCulture, $"{name,-24} {shape,-34} {median,9:F3} {bytes / (median * 1e6),8:F0}");
        }
        return table.ToString();
    }

    private sealed class Owned(Accelerator accelerator) : IDisposable
    {
        private readonly List<IDisposable> buffers = [];

        public ArrayView<float> Up(float[] data) => Keep(accelerator.Allocate1D(data)).View;

        public ArrayView<int> Up(int[] data) => Keep(accelerator.Allocate1D(data)).View;

        public ArrayView<double> Up(double[] data) => Keep(accelerator.Allocate1D(data)).View;

        public ArrayView<float> Zeros(long length)
        {
            var buffer = Keep(accelerator.Allocate1D<float>(length));
            buffer.MemSetToZero();
            return buffer.View;
        }

        private T Keep<T>(T buffer) where T : IDisposable
        {
            buffers.Add(buffer);
            return buffer;
        }

        public void Dispose()
        {
            foreach (var b in buffers) b.Dispose();
        }
    }
}
