using HybridRec.Kernels;

namespace HybridRec.Kernels.Tests;

/// <summary>The comparison rule |ref − dev| ≤ atol + rtol·|ref| and its report.</summary>
[Trait("Category", "Kernels")]
public sealed class KernelCheckTests
{
    [Fact]
    public void PassesOnTheBoundaryAndReportsTheLargestDifference()
    {
        float[] expected = [1f, -2f, 0f, 100f];
        float[] actual = [1f, -2.25f, 0.5f, 100f];
        var r = KernelCheck.Compare(expected, actual, atol: 0.5, rtol: 0);
        Assert.True(r.Passed, r.ToString());
        Assert.Equal(4, r.Count);
        Assert.Equal(0.5, r.MaxAbsDiff, 12);
        Assert.Equal(2, r.WorstIndex);
        Assert.Equal(0.0, r.Expected);
        Assert.Equal(0.5, r.Actual);
    }

    [Fact]
    public void RelativeToleranceScalesWithTheReference()
    {
        var pass = KernelCheck.Compare([1000f], [1000.9f], atol: 0, rtol: 1e-3);
        var fail = KernelCheck.Compare([1f], [1.9f], atol: 0, rtol: 1e-3);
        Assert.True(pass.Passed, pass.ToString());
        Assert.False(fail.Passed);
        Assert.Equal(1, fail.Failures);
    }

    [Theory]
    [InlineData(float.NaN, 1f)]
    [InlineData(1f, float.NaN)]
    [InlineData(float.NaN, float.NaN)]
    [InlineData(float.PositiveInfinity, float.PositiveInfinity)]
    [InlineData(1f, float.NegativeInfinity)]
    public void NonFiniteValuesNeverPass(float expected, float actual)
    {
        var r = KernelCheck.Compare([0f, expected, 0f], [0f, actual, 0f], atol: 1e30, rtol: 1);
        Assert.False(r.Passed);
        Assert.Equal(1, r.WorstIndex);
        Assert.Contains("FAIL", r.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void LengthMismatchFails()
    {
        var r = KernelCheck.Compare([1f, 2f], [1f], 1, 1);
        Assert.False(r.Passed);
        Assert.Contains("length mismatch", r.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void EmptyInputsPass() => Assert.True(KernelCheck.Compare(ReadOnlySpan<float>.Empty, ReadOnlySpan<float>.Empty, 0, 0).Passed);

    [Fact]
    public void ReportNamesTheWorstElementAndTheTolerance()
    {
        var r = KernelCheck.Compare([1f, 2f, 3f], [1f, 2.5f, 3.1f], atol: 0.01, rtol: 0.001).WithLabel("dw");
        var text = r.ToString();
        Assert.False(r.Passed);
        Assert.Equal(2, r.Failures);
        Assert.Equal(1, r.WorstIndex);
        Assert.StartsWith("dw: FAIL 3 values, 2 out of tolerance, max |diff| 0.5; worst [1]: expected 2, actual 2.5", text, StringComparison.Ordinal);
        Assert.Contains("|diff| ≤ 0.01 + 0.001·|expected|", text, StringComparison.Ordinal);
    }

    [Fact]
    public void DoublesAreComparedToo()
    {
        Assert.True(KernelCheck.Compare([1.0], [1.0 + 1e-12], 0, 1e-9).Passed);
        Assert.False(KernelCheck.Compare([1.0], [1.0 + 1e-6], 0, 1e-9).Passed);
    }

    [Fact]
    public void NegativeTolerancesAreRejected() =>
        Assert.Throws<ArgumentOutOfRangeException>(() => KernelCheck.Compare([1f], [1f], -1, 0));

    [Fact]
    public void WorseKeepsTheFailingResult()
    {
        var ok = KernelCheck.Compare([1f], [1f], 0, 0);
        var bad = KernelCheck.Compare([1f], [2f], 0, 0);
        Assert.Same(bad, CheckResult.Worse(ok, bad));
        Assert.Same(bad, CheckResult.Worse(bad, ok));
    }
}
