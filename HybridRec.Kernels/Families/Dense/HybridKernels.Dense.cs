using ILGPU;

namespace HybridRec.Kernels;

internal sealed partial class HybridKernels
{
    /// <summary>
    /// Dense layer forward: <c>y[i·ldY + yOffset + o] = act(b[o] + Σ_k x[i·ldX + k]·w[o·inDim + k])</c>, act = ReLU
    /// when <paramref name="relu"/>, else identity. Shared-memory tiled product (32.3 KiB per group, 4×4 outputs
    /// per thread); works for any n ≥ 0 and inDim, outDim ≥ 1.
    /// </summary>
    /// <param name="x">(n, ldX) inputs, columns [0, inDim).</param>
    /// <param name="ldX">Leading dimension of <paramref name="x"/>.</param>
    /// <param name="n">Rows.</param>
    /// <param name="inDim">Input width.</param>
    /// <param name="w">(outDim, inDim) weights, contiguous.</param>
    /// <param name="b">(outDim) bias, or an empty view for none.</param>
    /// <param name="outDim">Output width.</param>
    /// <param name="y">(n, ldY) outputs.</param>
    /// <param name="ldY">Leading dimension of <paramref name="y"/>.</param>
    /// <param name="yOffset">First output column in <paramref name="y"/>.</param>
    /// <param name="relu">Apply ReLU.</param>
    public void DenseForward(ArrayView<float> x, int ldX, int n, int inDim, ArrayView<float> w, ArrayView<float> b, int outDim, ArrayView<float> y, int ldY, int yOffset, bool relu)
    {
        ThrowIfDisposed();
        Guard.NonNegative(n, nameof(n));
        Guard.Positive(inDim, nameof(inDim));
        Guard.Positive(outDim, nameof(outDim));
        Guard.Rows(x, n, ldX, 0, inDim, nameof(x));
        Guard.Length(w, (long)outDim * inDim, nameof(w));
        if (b.Length != 0) Guard.Length(b, outDim, nameof(b));
        Guard.Rows(y, n, ldY, yOffset, outDim, nameof(y));
        if (n == 0) return;
        var t = PlanTiles(dimA: n, dimB: outDim);
        t.Red = inDim;
        t.ChunkLength = inDim;
        t.AOffset = 0; t.AStrideA = ldX; t.AStrideR = 1;              // A(i, k) = x[i·ldX + k]
        t.BOffset = 0; t.BStrideB = inDim; t.BStrideR = 1;            // B(o, k) = w[o·inDim + k]
        t.OutOffset = yOffset; t.OutStrideA = ldY; t.OutStrideB = 1;  // y[i·ldY + yOffset + o]
        t.UseBias = b.Length != 0 ? 1 : 0;
        t.Relu = relu ? 1 : 0;
        LaunchTiles(x, w, b.Length != 0 ? b : w, y, t, chunks: 1);
    }

    /// <summary>
    /// Dense layer input gradient for a column range of the weights:
    /// <c>dx[i·ldDx + dxOffset + c] = Σ_o dy[i·ldDy + dyOffset + o]·w[o·ldW + colStart + c]</c> for c &lt; colCount.
    /// Overwrites; tiled like <see cref="DenseForward"/>.
    /// </summary>
    /// <param name="dy">(n, ldDy) output gradients, columns [dyOffset, dyOffset+outDim).</param>
    /// <param name="ldDy">Leading dimension of <paramref name="dy"/>.</param>
    /// <param name="dyOffset">First column of the gradient in <paramref name="dy"/>.</param>
    /// <param name="n">Rows.</param>
    /// <param name="outDim">Output width of the layer.</param>
    /// <param name="w">(outDim, ldW) weights.</param>
    /// <param name="ldW">Leading dimension (input width) of <paramref name="w"/>.</param>
    /// <param name="colStart">First weight column (input feature) to differentiate against.</param>
    /// <param name="colCount">Number of columns.</param>
    /// <param name="dx">(n, ldDx) input gradients.</param>
    /// <param name="ldDx">Leading dimension of <paramref name="dx"/>.</param>
    /// <param name="dxOffset">First column written in <paramref name="dx"/>.</param>
    public void DenseBackwardInput(ArrayView<float> dy, int ldDy, int dyOffset, int n, int outDim, ArrayView<float> w, int ldW, int colStart, int colCount, ArrayView<float> dx, int ldDx, int dxOffset)
    {
        ThrowIfDisposed();
        Guard.NonNegative(n, nameof(n));
        Guard.Positive(outDim, nameof(outDim));
        Guard.Positive(colCount, nameof(colCount));
        Guard.Rows(dy, n, ldDy, dyOffset, outDim, nameof(dy));
        Guard.Rows(w, outDim, ldW, colStart, colCount, nameof(w));
        Guard.Rows(dx, n, ldDx, dxOffset, colCount, nameof(dx));
        if (n == 0) return;
        var t = PlanTiles(dimA: n, dimB: colCount);
        t.Red = outDim;
        t.ChunkLength = outDim;
        t.AOffset = dyOffset; t.AStrideA = ldDy; t.AStrideR = 1;      // A(i, o) = dy[i·ldDy + dyOffset + o]
        t.BOffset = colStart; t.BStrideB = 1; t.BStrideR = ldW;       // B(c, o) = w[o·ldW + colStart + c]
        t.OutOffset = dxOffset; t.OutStrideA = ldDx; t.OutStrideB = 1;
        LaunchTiles(dy, w, w, dx, t, chunks: 1);
    }

    /// <summary>
    /// Dense layer weight and bias gradients: <c>dw[o·inDim + k] = Σ_i dy[i·ldDy + dyOffset + o]·x[i·ldX + xOffset + k]</c>
    /// and <c>db[o] = Σ_i dy[i, o]</c> (skipped when <paramref name="db"/> is empty). Overwrites. The rows are split
    /// into chunks (at most 512 of ≥ 256 rows); each group writes a partial tile to scratch and a second kernel sums
    /// the partials in chunk order: deterministic, no atomics.
    /// </summary>
    /// <param name="dy">(n, ldDy) output gradients.</param>
    /// <param name="ldDy">Leading dimension of <paramref name="dy"/>.</param>
    /// <param name="dyOffset">First gradient column in <paramref name="dy"/>.</param>
    /// <param name="x">(n, ldX) layer inputs.</param>
    /// <param name="ldX">Leading dimension of <paramref name="x"/>.</param>
    /// <param name="xOffset">First input column in <paramref name="x"/>.</param>
    /// <param name="n">Rows.</param>
    /// <param name="outDim">Output width.</param>
    /// <param name="inDim">Input width.</param>
    /// <param name="dw">(outDim, inDim) weight gradient.</param>
    /// <param name="db">(outDim) bias gradient, or empty.</param>
    public void DenseBackwardWeights(ArrayView<float> dy, int ldDy, int dyOffset, ArrayView<float> x, int ldX, int xOffset, int n, int outDim, int inDim, ArrayView<float> dw, ArrayView<float> db)
    {
        ThrowIfDisposed();
        Guard.NonNegative(n, nameof(n));
        Guard.Positive(outDim, nameof(outDim));
        Guard.Positive(inDim, nameof(inDim));
        Guard.Rows(dy, n, ldDy, dyOffset, outDim, nameof(dy));
        Guard.Rows(x, n, ldX, xOffset, inDim, nameof(x));
        Guard.Length(dw, (long)outDim * inDim, nameof(dw));
        if (db.Length != 0) Guard.Length(db, outDim, nameof(db));

        var (chunkRows, chunks) = Tuning.RowChunks(n, DenseKernels.TileR);
        var t = PlanTiles(dimA: outDim, dimB: inDim);
        t.Red = n;
        t.ChunkLength = chunkRows;
        t.AOffset = dyOffset; t.AStrideA = 1; t.AStrideR = ldDy;      // A(o, i) = dy[i·ldDy + dyOffset + o]
        t.BOffset = xOffset; t.BStrideB = 1; t.BStrideR = ldX;        // B(k, i) = x[i·ldX + xOffset + k]
        t.OutOffset = 0; t.OutStrideA = inDim; t.OutStrideB = 1;
        int size = outDim * inDim;
        t.OutChunkStride = size;
        if (chunks == 1)
        {
            LaunchTiles(dy, x, dw, dw, t, chunks: 1);
        }
        else
        {
            var partials = Scratch((long)chunks * size);              // (chunks, outDim, inDim)
            LaunchTiles(dy, x, dw, partials, t, chunks);
            LaunchReducePartials(partials, size, chunks, dw);
        }
        if (db.Length != 0) ColumnSums(dy, ldDy, dyOffset, outDim, n, db);
    }

    /// <summary>Thread layout and tile counts for an output of dimA × dimB (4×4 outputs per thread, ≤ 32×32 threads).</summary>
    private TileArgs PlanTiles(int dimA, int dimB)
    {
        int threadsB = Math.Clamp((dimB + DenseKernels.Block - 1) / DenseKernels.Block, 1, Math.Min(32, GroupLimit));
        int threadsA = Math.Clamp((dimA + DenseKernels.Block - 1) / DenseKernels.Block, 1, Math.Min(32, GroupLimit / threadsB));
        int tileA = threadsA * DenseKernels.Block;
        int tileB = threadsB * DenseKernels.Block;
        return new TileArgs
        {
            DimA = dimA,
            DimB = dimB,
            ThreadsA = threadsA,
            ThreadsB = threadsB,
            TilesA = (dimA + tileA - 1) / tileA,
            TilesB = (dimB + tileB - 1) / tileB,
        };
    }

    private void LaunchTiles(ArrayView<float> a, ArrayView<float> b, ArrayView<float> bias, ArrayView<float> output, TileArgs t, int chunks)
    {
        long groups = (long)t.TilesA * t.TilesB * chunks;
        if (groups > MaxGrid) throw new ArgumentException($"The product needs {groups} groups, more than the accelerator's {MaxGrid}.");
        Launcher(DenseFamily.TiledProduct)(new KernelConfig((int)groups, t.ThreadsA * t.ThreadsB), Arg(a), Arg(b), Arg(bias), Arg(output), t);
    }
}
