using HybridRec.Kernels;

namespace HybridRec.Kernels.Tests;

/// <summary>The check-kernels self-test runs every registered launch method and reports readably.</summary>
[Trait("Category", "Kernels")]
public sealed class SelfTestTests(CpuDeviceFixture fixture, ITestOutputHelper output) : IClassFixture<CpuDeviceFixture>
{
    [Fact]
    public void SelfTestPassesOnTheCpuAcceleratorAndFormatsAReport()
    {
        var device = fixture.RequireDevice();
        var reports = KernelSelfTest.Run(device, seed: 7, casesPerKernel: 2, CaseSize.Tiny, KernelRegistry.Launches);
        var text = KernelSelfTest.Format(device.Info, reports);
        output.WriteLine(text);
        Assert.Equal(KernelRegistry.Launches.Count, reports.Count);
        Assert.All(reports, r => Assert.True(r.Passed, r.ToString()));
        Assert.Contains($"All {reports.Count} kernels match their CPU twins", text, StringComparison.Ordinal);
        Assert.Contains("Tolerances:", text, StringComparison.Ordinal);
    }

    [Fact]
    public void SameSeedGivesTheSameCases()
    {
        var device = fixture.RequireDevice();
        var specs = KernelRegistry.Launches.Take(3).ToArray();
        var a = KernelSelfTest.Run(device, 11, 2, CaseSize.Tiny, specs);
        var b = KernelSelfTest.Run(device, 11, 2, CaseSize.Tiny, specs);
        Assert.Equal(a.Select(r => r.WorstCase), b.Select(r => r.WorstCase));
    }

    [Fact]
    public void FailuresAreReportedWithTheirCase()
    {
        var device = fixture.RequireDevice();
        var broken = new LaunchEntry("Broken", "exact", (_, _, seed) => new BrokenCase(seed), []);
        var report = KernelSelfTest.Run(device, 1, 2, CaseSize.Tiny, [broken]).Single();
        Assert.False(report.Passed);
        Assert.Equal(0, report.PassedCases);
        var text = KernelSelfTest.Format(null, [report]);
        Assert.Contains("FAIL Broken", text, StringComparison.Ordinal);
        Assert.Contains("BrokenCase", text, StringComparison.Ordinal);
        Assert.Contains("1 of 1 kernels FAILED: Broken", text, StringComparison.Ordinal);
    }

    [Fact]
    public void RunAllRejectsZeroCases() =>
        Assert.Throws<ArgumentOutOfRangeException>(() => KernelSelfTest.RunAll(fixture.RequireDevice(), casesPerKernel: 0));

    private sealed record BrokenCase(int Seed) : KernelCase(Seed)
    {
        public override string Kernel => "Broken";

        public override CheckResult Run(ComputeDevice device) => KernelCheck.Compare([1f], [2f], 0, 0);
    }
}
