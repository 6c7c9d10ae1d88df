using HybridRec.Kernels;

namespace HybridRec.Kernels.Tests;

/// <summary>Hand-computed examples for the twins (the reference must be right by construction).</summary>
[Trait("Category", "Kernels")]
public sealed class CpuTwinTests
{
    [Fact]
    public void DenseForwardComputesBiasPlusProductThenRelu()
    {
        float[] x = [1, 2, 9, 3, 4, 9];           // (2, ld 3), inDim 2
        float[] w = [1, 0, -1, 1];                // (2, 2): o0 = x0, o1 = x1 − x0
        float[] b = [0.5f, -2f];
        var y = new float[2 * 3];
        CpuTwins.DenseForward(x, 3, 2, 2, w, b, 2, y, 3, 1, relu: true);
        Assert.Equal(new float[] { 0, 1.5f, 0, 0, 3.5f, 0 }, y);
    }

    [Fact]
    public void SegmentSumRowsAddsSegmentsInOrderPlusL2()
    {
        float[] src = [1, 10, 2, 20, 3, 30];      // (3 samples, dim 2)
        int[] rows = [1], offsets = [0, 2], samples = [2, 0];
        float[] param = [0, 0, 5, 6];
        var dst = new float[] { -1, -1, -1, -1 };
        CpuTwins.SegmentSumRows(src, 2, 0, 2, rows, offsets, samples, 1, dst, param, 0.5f);
        Assert.Equal(new float[] { -1, -1, 4 + 2 * 0.5f * 5, 40 + 2 * 0.5f * 6 }, dst);
    }

    [Fact]
    public void BagBackwardSumsPerFeatureAndZeroesTheRest()
    {
        int[] featOffsets = [0, 2, 2, 3], featIndices = [0, 2, 2];   // movie 0: {0, 2}; movie 1: {}; movie 2: {2}
        float[] dh = [1, 2, 10, 20, 100, 200];                     // rows for movies 0, 1, 2
        var dw = new float[] { 9, 9, 9, 9, 9, 9 };
        CpuTwins.BagBackward(dh, 2, 0, 2, [0, 1, 2], 3, featOffsets, featIndices, 3, dw);
        Assert.Equal(new float[] { 1, 2, 0, 0, 101, 202 }, dw);
    }

    [Fact]
    public void FirstAdamStepMovesByAboutTheLearningRate()
    {
        var c = AdamCoefficients.ForStep(1, 1e-3f, 0.9f, 0.999f, 1e-7f);
        double expectedAlpha = (double)1e-3f * Math.Sqrt(1 - (double)0.999f) / (1 - (double)0.9f); // β as given (float)
        Assert.InRange(Math.Abs(c.Alpha / expectedAlpha - 1), 0, 1e-6);
        float[] param = [1f, 1f], grad = [0.5f, -2f], m = [0f, 0f], v = [0f, 0f];
        CpuTwins.AdamDense(param, grad, m, v, c);
        Assert.Equal(1f - 1e-3f, param[0], 6);
        Assert.Equal(1f + 1e-3f, param[1], 6);
        Assert.Equal(new float[] { 0, 0 }, grad);
        Assert.Equal(0.05f, m[0], 7);
        Assert.Equal(0.001f * 4f, v[1], 6);
    }

    [Fact]
    public void ForStepRejectsStepZero() =>
        Assert.Throws<ArgumentOutOfRangeException>(() => AdamCoefficients.ForStep(0, 1e-3f, 0.9f, 0.999f, 1e-7f));

    [Fact]
    public void MseLossGradAccumulatesInDouble()
    {
        double[] loss = [1.0];
        var dy = new float[2];
        CpuTwins.MseLossGrad([1f, 0f], [0.5f, 2f], 2, 2f, dy, loss);
        Assert.Equal(new float[] { 1f, -4f }, dy);
        Assert.Equal(1.0 + 0.25 + 4.0, loss[0], 12);
    }
}
