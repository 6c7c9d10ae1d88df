namespace HybridRec.Kernels;

internal static partial class CpuTwins
{
    /// <summary>Twin of <see cref="HybridKernels.DenseForward"/>.</summary>
    /// <param name="x">(n, ldX) inputs.</param>
    /// <param name="ldX">Leading dimension of x.</param>
    /// <param name="n">Rows.</param>
    /// <param name="inDim">Input width.</param>
    /// <param name="w">(outDim, inDim) weights.</param>
    /// <param name="b">(outDim) bias, or empty for none.</param>
    /// <param name="outDim">Output width.</param>
    /// <param name="y">(n, ldY) outputs.</param>
    /// <param name="ldY">Leading dimension of y.</param>
    /// <param name="yOffset">First output column.</param>
    /// <param name="relu">Apply ReLU.</param>
    public static void DenseForward(ReadOnlySpan<float> x, int ldX, int n, int inDim, ReadOnlySpan<float> w, ReadOnlySpan<float> b, int outDim, Span<float> y, int ldY, int yOffset, bool relu)
    {
        for (int i = 0; i < n; i++)
            for (int o = 0; o < outDim; o++)
            {
                double sum = 0;
                for (int k = 0; k < inDim; k++)
                    sum += (double)x[i * ldX + k] * w[o * inDim + k];
                float v = (float)sum;
                if (b.Length != 0) v = b[o] + v;
                if (relu) v = v > 0f ? v : 0f;
                y[i * ldY + yOffset + o] = v;
            }
    }

    /// <summary>Twin of <see cref="HybridKernels.DenseBackwardInput"/>.</summary>
    /// <param name="dy">(n, ldDy) output gradients.</param>
    /// <param name="ldDy">Leading dimension of dy.</param>
    /// <param name="dyOffset">First gradient column.</param>
    /// <param name="n">Rows.</param>
    /// <param name="outDim">Output width.</param>
    /// <param name="w">(outDim, ldW) weights.</param>
    /// <param name="ldW">Leading dimension of w.</param>
    /// <param name="colStart">First weight column.</param>
    /// <param name="colCount">Columns.</param>
    /// <param name="dx">(n, ldDx) input gradients.</param>
    /// <param name="ldDx">Leading dimension of dx.</param>
    /// <param name="dxOffset">First written column.</param>
    public static void DenseBackwardInput(ReadOnlySpan<float> dy, int ldDy, int dyOffset, int n, int outDim, ReadOnlySpan<float> w, int ldW, int colStart, int colCount, Span<float> dx, int ldDx, int dxOffset)
    {
        for (int i = 0; i < n; i++)
            for (int c = 0; c < colCount; c++)
            {
                double sum = 0;
                for (int o = 0; o < outDim; o++)
                    sum += (double)dy[i * ldDy + dyOffset + o] * w[o * ldW + colStart + c];
                dx[i * ldDx + dxOffset + c] = (float)sum;
            }
    }

    /// <summary>Twin of <see cref="HybridKernels.DenseBackwardWeights"/>.</summary>
    /// <param name="dy">(n, ldDy) output gradients.</param>
    /// <param name="ldDy">Leading dimension of dy.</param>
    /// <param name="dyOffset">First gradient column.</param>
    /// <param name="x">(n, ldX) inputs.</param>
    /// <param name="ldX">Leading dimension of x.</param>
    /// <param name="xOffset">First input column.</param>
    /// <param name="n">Rows.</param>
    /// <param name="outDim">Output width.</param>
    /// <param name="inDim">Input width.</param>
    /// <param name="dw">(outDim, inDim) weight gradient.</param>
    /// <param name="db">(outDim) bias gradient, or empty.</param>
    public static void DenseBackwardWeights(ReadOnlySpan<float> dy, int ldDy, int dyOffset, ReadOnlySpan<float> x, int ldX, int xOffset, int n, int outDim, int inDim, Span<float> dw, Span<float> db)
    {
        // Row by row (cache-friendly for large n), one double accumulator per output.
        var sumW = new double[outDim * inDim];
        var sumB = new double[outDim];
        for (int i = 0; i < n; i++)
            for (int o = 0; o < outDim; o++)
            {
                double g = dy[i * ldDy + dyOffset + o];
                sumB[o] += g;
                for (int k = 0; k < inDim; k++)
                    sumW[o * inDim + k] += g * x[i * ldX + xOffset + k];
            }
        for (int e = 0; e < sumW.Length; e++) dw[e] = (float)sumW[e];
        if (db.Length != 0)
            for (int o = 0; o < outDim; o++) db[o] = (float)sumB[o];
    }
}
