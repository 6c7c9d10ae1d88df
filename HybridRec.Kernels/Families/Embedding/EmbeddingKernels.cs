using System.Runtime.InteropServices;
using ILGPU;

namespace HybridRec.Kernels;

/// <summary>
/// Embedding-table kernels: gather rows into a batch buffer, and the deterministic per-row segment sums. Both are
/// explicitly grouped, 1-D, grid-stride over flat (row, column) pairs with the column fastest, so consecutive
/// threads touch consecutive floats.
/// </summary>
internal static class EmbeddingKernels
{
    /// <summary>out[i·ldOut + outOffset + d] = table[idx[i]·dim + d] over n·dim threads.</summary>
    public static void GatherRows(
        ArrayView<float> table,     // (R, dim)
        ArrayView<int> indices,     // (n)
        ArrayView<float> output,    // (n, ldOut), columns [outOffset, outOffset+dim)
        int dim, int n, Placement outPlace)
    {
        int total = n * dim;
        int stride = Grid.DimX * Group.DimX;
        for (int e = Grid.IdxX * Group.DimX + Group.IdxX; e < total; e += stride)
        {
            int i = e / dim;
            int d = e - i * dim;
            output[i * outPlace.Ld + outPlace.Offset + d] = table[indices[i] * dim + d];
        }
    }

    /// <summary>
    /// One thread per (segment k, column d): sums src rows samples[offsets[k]..offsets[k+1]) in that order
    /// (eight loads in flight, added strictly in order), then adds cnt·l2Scale·param[row, d] when requested.
    /// Writes dst[rows[k]] (or dst[k] when compact); other rows are untouched.
    /// </summary>
    public static void SegmentSum(
        ArrayView<float> src,       // (B, ldSrc), columns [srcOffset, srcOffset+dim)
        ArrayView<int> rows,        // (K) distinct rows, ascending (unused when compact)
        ArrayView<int> offsets,     // (K+1)
        ArrayView<int> samples,     // (offsets[K]) batch-local sample positions
        ArrayView<float> dst,       // (R, dim) or compact (K, dim)
        ArrayView<float> param,     // (R, dim) (read only for the L2 term)
        SegmentArgs a)
    {
        int dim = a.Dim;
        int total = a.RowCount * dim;
        int ld = a.Src.Ld;
        int off = a.Src.Offset;
        int stride = Grid.DimX * Group.DimX;
        for (int e = Grid.IdxX * Group.DimX + Group.IdxX; e < total; e += stride)
        {
            int k = e / dim;
            int d = e - k * dim;
            int s = offsets[k];
            int end = offsets[k + 1];
            int count = end - s;
            float acc = 0f;
            // Eight independent loads in flight, then added strictly in s order: the latency of a long segment
            // (a popular movie: thousands of samples) is the kernel's critical path.
            for (; s + 8 <= end; s += 8)
            {
                int r0 = samples[s], r1 = samples[s + 1], r2 = samples[s + 2], r3 = samples[s + 3];
                int r4 = samples[s + 4], r5 = samples[s + 5], r6 = samples[s + 6], r7 = samples[s + 7];
                float v0 = src[r0 * ld + off + d];
                float v1 = src[r1 * ld + off + d];
                float v2 = src[r2 * ld + off + d];
                float v3 = src[r3 * ld + off + d];
                float v4 = src[r4 * ld + off + d];
                float v5 = src[r5 * ld + off + d];
                float v6 = src[r6 * ld + off + d];
                float v7 = src[r7 * ld + off + d];
                acc += v0;
                acc += v1;
                acc += v2;
                acc += v3;
                acc += v4;
                acc += v5;
                acc += v6;
                acc += v7;
            }
            for (; s < end; s++)
                acc += src[samples[s] * ld + off + d];

            if (a.Compact != 0)
            {
                dst[k * dim + d] = acc;
            }
            else
            {
                int at = rows[k] * dim + d;
                if (a.L2Scale != 0f)
                    acc += count * a.L2Scale * param[at];
                dst[at] = acc;
            }
        }
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
