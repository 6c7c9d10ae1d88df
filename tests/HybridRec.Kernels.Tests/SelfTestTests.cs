using HybridRec.Kernels;

namespace HybridRec.Kernels.Tests;

/// <summary>The check-kernels self-test covers every launch method and reports readably.</summary>
[Trait("Category", "Kernels")]
public sealed class SelfTestTests(CpuDeviceFixture fixture, ITestOutputHelper output) : IClassFixture<CpuDeviceFixture>
{
    [Fact]
    public void EveryLaunchMethodHasACaseGenerator()
    {
        var launchMethods = typeof(HybridKernels)
            .GetMethods(System.Reflection.BindingFlags.Public | System.Reflection.BindingFlags.Instance | System.Reflection.BindingFlags.DeclaredOnly)
            .Where(m => m.ReturnType == typeof(void) && m.Name != nameof(HybridKernels.Dispose))
            .Select(m => m.Name)
            .Order();
        Assert.Equal(launchMethods, KernelCaseCatalog.All.Select(s => s.Kernel).Order());
    }

    [Fact]
    public void EveryLaunchMethodHasACpuTwin()
    {
        var twins = typeof(CpuTwins).GetMethods().Select(m => m.Name).ToHashSet();
        Assert.All(KernelCaseCatalog.All, s => Assert.Contains(s.Kernel, twins));
    }

    [Fact]
    public void SelfTestPassesOnTheCpuAcceleratorAndFormatsAReport()
    {
        var device = fixture.RequireDevice();
        var reports = KernelSelfTest.Run(device, seed: 7, casesPerKernel: 2, CaseSize.Tiny, KernelCaseCatalog.All);
        var text = KernelSelfTest.Format(device.Info, reports);
        output.WriteLine(text);
        Assert.Equal(KernelCaseCatalog.All.Count, reports.Count);
        Assert.All(reports, r => Assert.True(r.Passed, r.ToString()));
        Assert.Contains($"All {reports.Count} kernels match their CPU twins", text, StringComparison.Ordinal);
        Assert.Contains("Tolerances:", text, StringComparison.Ordinal);
    }

    [Fact]
    public void SameSeedGivesTheSameCases()
    {
        var device = fixture.RequireDevice();
        var specs = KernelCaseCatalog.All.Take(3).ToArray();
        var a = KernelSelfTest.Run(device, 11, 2, CaseSize.Tiny, specs);
        var b = KernelSelfTest.Run(device, 11, 2, CaseSize.Tiny, specs);
        Assert.Equal(a.Select(r => r.WorstCase), b.Select(r => r.WorstCase));
    }

    [Fact]
    public void FailuresAreReportedWithTheirCase()
    {
        var device = fixture.RequireDevice();
        var broken = new KernelCaseSpec("Broken", "exact", (_, _, seed) => new BrokenCase(seed));
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
