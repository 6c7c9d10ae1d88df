using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using ILGPU;

namespace HybridRec.Kernels;

/// <summary>
/// The shared-memory tiled matrix product behind DenseForward, DenseBackwardInput and (split over row chunks)
/// DenseBackwardWeights:
/// <code>
/// Out(a, b) = Σ_{r in chunk} A(a, r) · B(b, r)        A(a, r) = a[AOffset + a·AStrideA + r·AStrideR]
///                                                     B(b, r) = b[BOffset + b·BStrideB + r·BStrideR]
/// </code>
/// A group of ThreadsA × ThreadsB threads computes a (4·ThreadsA) × (4·ThreadsB) output tile, each thread a 4×4
/// register block (rows 4·ty + j, columns tx + l·ThreadsB). The reduction advances in steps of
/// <see cref="TileR"/>: both operand tiles are staged in shared memory as (r, a) / (r, b) with an odd row stride
/// (conflict-free stores and loads), read from global memory along whichever index is contiguous (coalesced).
/// Each output is accumulated by one thread in increasing r, so results are deterministic.
/// </summary>
internal static class DenseKernels
{
    /// <summary>Reduction elements staged per step.</summary>
    public const int TileR = 32;

    /// <summary>Register block per thread along A and B.</summary>
    public const int Block = 4;

    /// <summary>Largest tile extent along A or B (32 threads × 4).</summary>
    public const int MaxTile = 128;

    /// <summary>Row stride of the shared tiles: MaxTile + 1, odd, so column and row accesses avoid bank conflicts.</summary>
    public const int SharedStride = MaxTile + 1;

    /// <summary>Shared floats per operand tile: 32 × 129 = 4128 (16.1 KiB); both tiles 32.3 KiB per group.</summary>
    public const int SharedFloats = TileR * SharedStride;

    public static void TiledProduct(
        ArrayView<float> a,         // operand A (see TileArgs)
        ArrayView<float> b,         // operand B
        ArrayView<float> bias,      // (DimB) when UseBias, else unused (may be empty)
        ArrayView<float> output,    // Out(a, b) at OutOffset + chunk·OutChunkStride + a·OutStrideA + b·OutStrideB
        TileArgs t)
    {
        var sa = SharedMemory.Allocate<float>(SharedFloats);   // (TileR, SharedStride): sa[r·129 + a]
        var sb = SharedMemory.Allocate<float>(SharedFloats);   // (TileR, SharedStride): sb[r·129 + b]

        int tid = Group.IdxX;
        int groupSize = Group.DimX;
        int tx = tid % t.ThreadsB;
        int ty = tid / t.ThreadsB;
        int tileA = t.ThreadsA * Block;
        int tileB = t.ThreadsB * Block;
        int tilesAB = t.TilesA * t.TilesB;
        int block = Grid.IdxX;
        int chunk = block / tilesAB;
        int rem = block - chunk * tilesAB;
        int bTile = rem / t.TilesA;
        int aTile = rem - bTile * t.TilesA;
        int a0 = aTile * tileA;
        int b0 = bTile * tileB;
        int rBegin = chunk * t.ChunkLength;
        int rEnd = Math.Min(t.Red, rBegin + t.ChunkLength);
        int sB = t.ThreadsB;

        float c00 = 0f, c01 = 0f, c02 = 0f, c03 = 0f;
        float c10 = 0f, c11 = 0f, c12 = 0f, c13 = 0f;
        float c20 = 0f, c21 = 0f, c22 = 0f, c23 = 0f;
        float c30 = 0f, c31 = 0f, c32 = 0f, c33 = 0f;

        for (int r0 = rBegin; r0 < rEnd; r0 += TileR)
        {
            int rl = Math.Min(TileR, rEnd - r0);
            LoadTile(a, sa, t.AOffset, t.AStrideA, t.AStrideR, a0, t.DimA, tileA, r0, rl, tid, groupSize);
            LoadTile(b, sb, t.BOffset, t.BStrideB, t.BStrideR, b0, t.DimB, tileB, r0, rl, tid, groupSize);
            Group.Barrier();

            // Running shared indices: A rows are blocked (ty·4 + j: immediate offsets, few distinct rows per warp),
            // B columns strided by ThreadsB (tx + l·ThreadsB: consecutive threads, consecutive banks).
            // 64-bit indices let ptxas fold the +1..+3 into the shared loads' immediate offsets.
            long pa = ty * Block;
            long pb0 = tx, pb1 = tx + sB, pb2 = tx + 2 * sB, pb3 = tx + 3 * sB;
            for (int r = 0; r < rl; r++)
            {
                float x0 = sa[pa], x1 = sa[pa + 1L], x2 = sa[pa + 2L], x3 = sa[pa + 3L];
                float y0 = sb[pb0], y1 = sb[pb1], y2 = sb[pb2], y3 = sb[pb3];
                c00 += x0 * y0; c01 += x0 * y1; c02 += x0 * y2; c03 += x0 * y3;
                c10 += x1 * y0; c11 += x1 * y1; c12 += x1 * y2; c13 += x1 * y3;
                c20 += x2 * y0; c21 += x2 * y1; c22 += x2 * y2; c23 += x2 * y3;
                c30 += x3 * y0; c31 += x3 * y1; c32 += x3 * y2; c33 += x3 * y3;
                pa += SharedStride;
                pb0 += SharedStride;
                pb1 += SharedStride;
                pb2 += SharedStride;
                pb3 += SharedStride;
            }
            Group.Barrier();
        }

        int outBase = t.OutOffset + chunk * t.OutChunkStride;
        int ia = a0 + ty * Block;
        int ib = b0 + tx;
        Store(output, bias, t, outBase, ia, ib, sB, c00, c01, c02, c03);
        Store(output, bias, t, outBase, ia + 1, ib, sB, c10, c11, c12, c13);
        Store(output, bias, t, outBase, ia + 2, ib, sB, c20, c21, c22, c23);
        Store(output, bias, t, outBase, ia + 3, ib, sB, c30, c31, c32, c33);
    }

    /// <summary>
    /// Stages X(x0 + x, r0 + r) for x &lt; tileX, r &lt; rl into tile[r·SharedStride + x] (zeros past dimX).
    /// Consecutive threads walk the index that is contiguous in global memory.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void LoadTile(
        ArrayView<float> src, ArrayView<float> tile,
        int offset, int strideX, int strideR,
        int x0, int dimX, int tileX, int r0, int rl, int tid, int groupSize)
    {
        if (strideR == 1)
        {
            // rows of X are contiguous in r: thread e → (x = e / TileR, r = e % TileR)
            int count = tileX * TileR;
            for (int e = tid; e < count; e += groupSize)
            {
                int x = e / TileR;
                int r = e - x * TileR;
                if (r < rl)
                {
                    float v = 0f;
                    if (x0 + x < dimX) v = src[offset + (x0 + x) * strideX + r0 + r];
                    tile[r * SharedStride + x] = v;
                }
            }
        }
        else
        {
            // X is contiguous (or strided) in x: thread e → (r = e / tileX, x = e % tileX)
            int count = tileX * rl;
            for (int e = tid; e < count; e += groupSize)
            {
                int r = e / tileX;
                int x = e - r * tileX;
                float v = 0f;
                if (x0 + x < dimX) v = src[offset + (x0 + x) * strideX + (r0 + r) * strideR];
                tile[r * SharedStride + x] = v;
            }
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Store(
        ArrayView<float> output, ArrayView<float> bias, TileArgs t,
        int outBase, int ia, int ib, int sB, float v0, float v1, float v2, float v3)
    {
        if (ia >= t.DimA) return;
        int row = outBase + ia * t.OutStrideA;
        StoreOne(output, bias, t, row, ib, v0);
        StoreOne(output, bias, t, row, ib + sB, v1);
        StoreOne(output, bias, t, row, ib + 2 * sB, v2);
        StoreOne(output, bias, t, row, ib + 3 * sB, v3);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void StoreOne(ArrayView<float> output, ArrayView<float> bias, TileArgs t, int row, int ib, float v)
    {
        if (ib >= t.DimB) return;
        if (t.UseBias != 0) v = bias[ib] + v;
        if (t.Relu != 0 && !(v > 0f)) v = 0f;
        output[row + ib * t.OutStrideB] = v;
    }
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
