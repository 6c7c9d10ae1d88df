using System.Runtime.InteropServices;

namespace HybridRec.Kernels;

// Plain value-type argument blocks for kernels with more scalars than ILGPU's 14-parameter launch delegates allow
// (and to keep launch signatures short). All fields are set on the host by HybridKernels.

/// <summary>Row-major matrix placement: element (i, j) of a column range is at <c>i·Ld + Offset + j</c>.</summary>
[StructLayout(LayoutKind.Sequential)]
internal struct Placement
{
    public int Ld;
    public int Offset;

    public Placement(int ld, int offset)
    {
        Ld = ld;
        Offset = offset;
    }
}

/// <summary>Arguments of the segment-sum kernel (SegmentSumRows and SegmentSumCompact).</summary>
[StructLayout(LayoutKind.Sequential)]
internal struct SegmentArgs
{
    public Placement Src;      // src (B, ldSrc), columns [offset, offset+dim)
    public int Dim;
    public int RowCount;       // K segments
    public float L2Scale;      // 0 → no L2 term
    public int Compact;        // 1 → dst row k; 0 → dst row rows[k] and optional L2 term
}

/// <summary>
/// Arguments of the tiled matrix-product kernel: <c>Out(a, b) = Σ_r A(a, r)·B(b, r)</c> over the reduction range of
/// the group's chunk, with <c>A(a, r) = a[AOffset + a·AStrideA + r·AStrideR]</c> and likewise for B.
/// </summary>
[StructLayout(LayoutKind.Sequential)]
internal struct TileArgs
{
    public int DimA, DimB, Red;
    public int AOffset, AStrideA, AStrideR;
    public int BOffset, BStrideB, BStrideR;
    public int OutOffset, OutStrideA, OutStrideB, OutChunkStride;
    public int ThreadsA, ThreadsB;     // group = ThreadsA × ThreadsB threads; tile = (ThreadsA·4) × (ThreadsB·4)
    public int TilesA, TilesB;         // tiles per chunk; grid = TilesA·TilesB·chunks
    public int ChunkLength;            // reduction elements per chunk (a multiple of the reduction tile)
    public int UseBias, Relu;          // epilogue: + bias[b], then max(0, ·)
}

/// <summary>Arguments of the partial-sum reduction: <c>out[OutOffset + e] = Σ_c partials[c·ChunkStride + e]</c>.</summary>
[StructLayout(LayoutKind.Sequential)]
internal struct ReduceArgs
{
    public int Count;          // outputs
    public int Chunks;         // partials per output
    public int ChunkStride;
    public int OutOffset;
    public int ThreadsX;       // outputs per group
    public int ThreadsY;       // contiguous chunk runs per output
}

/// <summary>Arguments of the first ColumnSums pass.</summary>
[StructLayout(LayoutKind.Sequential)]
internal struct ColumnArgs
{
    public Placement Src;
    public int Count;          // columns
    public int N;              // rows
    public int ChunkRows;
    public int ThreadsX, ThreadsY, TilesX;
    public int Weighted;       // 1: multiply row i by weights[i]
}

/// <summary>Arguments of the embedding-bag kernels.</summary>
[StructLayout(LayoutKind.Sequential)]
internal struct BagArgs
{
    public Placement Io;       // output (forward) or dh (backward) placement
    public int HDim;
    public int N;              // samples (forward) or distinct movies (backward)
    public int Relu;           // forward only
    public int FeatureCount;   // backward only
    public int ChunkMovies;    // backward only
}

/// <summary>Arguments of the per-sample dot-product and output-layer kernels (sub-warp of <c>Lanes</c> per sample).</summary>
[StructLayout(LayoutKind.Sequential)]
internal struct PairArgs
{
    public int Dim;            // embedding size (dot) or concatenation width (output layer)
    public int N;
    public int Lanes;          // power of two dividing the warp size
    public Placement Out;      // dot: output placement; output layer: c placement (Ld only)
    public int UseBiases;
    public float Offset;
}

/// <summary>Arguments of the per-sample dot-product backward kernel.</summary>
[StructLayout(LayoutKind.Sequential)]
internal struct DotBackwardArgs
{
    public Placement Dz, Dp, Dq;
    public int Dim;
    public int N;
}
