using System.Runtime.InteropServices;
using ILGPU;

namespace HybridRec.Kernels;

/// <summary>
/// Deterministic two-pass reductions without atomics: a first kernel writes one partial per (chunk, output) into
/// scratch, <see cref="ReducePartials"/> sums them in chunk order. Summation order depends only on the launch shape
/// (a function of the sizes and the accelerator's group-size limit), never on scheduling.
/// </summary>
internal static class ReductionKernels
{
    /// <summary>Largest group size these kernels are launched with (the shared arrays are sized for it).</summary>
    public const int MaxGroup = 256;

    /// <summary>
    /// out[OutOffset + e] = Σ_c partials[c·ChunkStride + e]. Group = ThreadsX outputs × ThreadsY runs; run y sums
    /// the contiguous chunk range [y·per, (y+1)·per) in order (four loads in flight), then thread y = 0 adds the
    /// runs in order: the result is the chunk-ordered sum, bracketed by runs.
    /// </summary>
    public static void ReducePartials(ArrayView<float> partials, ArrayView<float> output, ReduceArgs r)
    {
        var runs = SharedMemory.Allocate<float>(MaxGroup);
        int tid = Group.IdxX;
        int tx = tid % r.ThreadsX;
        int ty = tid / r.ThreadsX;
        int e = Grid.IdxX * r.ThreadsX + tx;
        int per = (r.Chunks + r.ThreadsY - 1) / r.ThreadsY;
        int c = ty * per;
        int end = Math.Min(r.Chunks, c + per);
        float acc = 0f;
        if (e < r.Count)
        {
            for (; c + 4 <= end; c += 4)
            {
                float v0 = partials[c * r.ChunkStride + e];
                float v1 = partials[(c + 1) * r.ChunkStride + e];
                float v2 = partials[(c + 2) * r.ChunkStride + e];
                float v3 = partials[(c + 3) * r.ChunkStride + e];
                acc += v0;
                acc += v1;
                acc += v2;
                acc += v3;
            }
            for (; c < end; c++)
                acc += partials[c * r.ChunkStride + e];
        }
        runs[tid] = acc;
        Group.Barrier();
        if (ty == 0 && e < r.Count)
        {
            float s = runs[tx];
            for (int y = 1; y < r.ThreadsY; y++)
                s += runs[y * r.ThreadsX + tx];
            output[r.OutOffset + e] = s;
        }
    }

    /// <summary>
    /// ColumnSums pass 1: group (column tile, row chunk); thread (tx, ty) sums rows start + ty, + ThreadsY, …
    /// of column tx (times weights[row] when <see cref="ColumnArgs.Weighted"/> is set) in order, then ty = 0 adds the ThreadsY sums in order → partials[chunk·Count + col].
    /// </summary>
    public static void ColumnPartials(ArrayView<float> src, ArrayView<float> weights, ArrayView<float> partials, ColumnArgs a)
    {
        var lanes = SharedMemory.Allocate<float>(MaxGroup);
        int tid = Group.IdxX;
        int tx = tid % a.ThreadsX;
        int ty = tid / a.ThreadsX;
        int chunk = Grid.IdxX / a.TilesX;
        int tile = Grid.IdxX - chunk * a.TilesX;
        int col = tile * a.ThreadsX + tx;
        int start = chunk * a.ChunkRows;
        int end = Math.Min(a.N, start + a.ChunkRows);
        int step = a.ThreadsY;
        float acc = 0f;
        if (col < a.Count)
        {
            int ld = a.Src.Ld;
            int at = a.Src.Offset + col;
            int i = start + ty;
            if (a.Weighted != 0)
            {
                for (; i + 3 * step < end; i += 4 * step)
                {
                    float v0 = weights[i] * src[i * ld + at];
                    float v1 = weights[i + step] * src[(i + step) * ld + at];
                    float v2 = weights[i + 2 * step] * src[(i + 2 * step) * ld + at];
                    float v3 = weights[i + 3 * step] * src[(i + 3 * step) * ld + at];
                    acc += v0;
                    acc += v1;
                    acc += v2;
                    acc += v3;
                }
                for (; i < end; i += step)
                    acc += weights[i] * src[i * ld + at];
            }
            else
            {
                for (; i + 3 * step < end; i += 4 * step)
                {
                    float v0 = src[i * ld + at];
                    float v1 = src[(i + step) * ld + at];
                    float v2 = src[(i + 2 * step) * ld + at];
                    float v3 = src[(i + 3 * step) * ld + at];
                    acc += v0;
                    acc += v1;
                    acc += v2;
                    acc += v3;
                }
                for (; i < end; i += step)
                    acc += src[i * ld + at];
            }
        }
        lanes[tid] = acc;
        Group.Barrier();
        if (ty == 0 && col < a.Count)
        {
            float s = lanes[tx];
            for (int y = 1; y < a.ThreadsY; y++)
                s += lanes[y * a.ThreadsX + tx];
            partials[chunk * a.Count + col] = s;
        }
    }
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
