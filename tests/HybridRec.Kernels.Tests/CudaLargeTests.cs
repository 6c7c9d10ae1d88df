using System.Diagnostics;
using System.Globalization;
using System.Text;
using HybridRec.Kernels;

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

/// <summary>Times every registered kernel benchmark on a model-shaped <see cref="KernelWorkload"/>.</summary>
internal static class KernelTimings
{
    public static string Run(ComputeDevice device, int batch, int userCount, int movieCount, int repeats)
    {
        using var workload = new KernelWorkload(device, batch, userCount, movieCount);
        var table = new StringBuilder();
        table.AppendLine(CultureInfo.InvariantCulture, $"{device.Info}");
        table.AppendLine(CultureInfo.InvariantCulture, $"B = {batch}; median of {repeats} launches after a warm-up; GB/s = bytes that must move / time");
        table.AppendLine(CultureInfo.InvariantCulture, $"{"kernel",-24} {"shape",-34} {"ms",9} {"GB/s",8}");
        foreach (var bench in KernelRegistry.Benchmarks)
        {
            var launch = bench.Bind(workload);
            launch.Run();
            device.Synchronize();
            var times = new double[repeats];
            for (int i = 0; i < times.Length; i++)
            {
                var watch = Stopwatch.StartNew();
                launch.Run();
                device.Synchronize();
                times[i] = watch.Elapsed.TotalMilliseconds;
            }
            Array.Sort(times);
            double median = times[times.Length / 2];
            table.AppendLine(CultureInfo.InvariantCulture, $"{bench.Label,-24} {launch.Shape,-34} {median,9:F3} {launch.Bytes / (median * 1e6),8:F0}");
        }
        return table.ToString();
    }
}
