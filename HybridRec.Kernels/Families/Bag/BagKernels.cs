using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using ILGPU;

namespace HybridRec.Kernels;

/// <summary>
/// Embedding-bag kernels for the multi-hot genre and tag towers. Features are in CSR form by movie:
/// featIndices[featOffsets[m] .. featOffsets[m+1]) are the (sorted, distinct) features of movie m.
/// </summary>
internal static class BagKernels
{
    /// <summary>Shared floats for a group-private (F, hDim) table in the shared-memory backward variant (32 KiB).</summary>
    public const int SharedTableFloats = 8192;

    /// <summary>
    /// out[i, off + h] = act(b[h] + Σ_{j ∈ feat(movies[i])} w[j, h]); one thread per (sample, h), h fastest.
    /// </summary>
    public static void BagForward(
        ArrayView<float> w,             // (F, hDim), input-major
        ArrayView<float> b,             // (hDim)
        ArrayView<int> featOffsets,     // (M+1)
        ArrayView<int> featIndices,     // (nnz)
        ArrayView<int> movies,          // (n)
        ArrayView<float> output,        // (n, ld), columns [offset, offset+hDim)
        BagArgs a)
    {
        int hDim = a.HDim;
        int total = a.N * hDim;
        int stride = Grid.DimX * Group.DimX;
        for (int e = Grid.IdxX * Group.DimX + Group.IdxX; e < total; e += stride)
        {
            int i = e / hDim;
            int h = e - i * hDim;
            int m = movies[i];
            int f = featOffsets[m];
            int end = featOffsets[m + 1];
            float sum = 0f;
            for (; f < end; f++)
                sum += w[featIndices[f] * hDim + h];
            float v = b[h] + sum;
            if (a.Relu != 0 && !(v > 0f)) v = 0f;
            output[i * a.Io.Ld + a.Io.Offset + h] = v;
        }
    }

    /// <summary>
    /// BagBackward pass 1 when F·hDim fits in shared memory: group c accumulates the movies
    /// [c·ChunkMovies, …) in order into a shared (F, hDim) table (threads over the movie's (feature, h) pairs,
    /// which are distinct cells because a movie's features are distinct; a barrier between movies), then copies
    /// the table to partials[c].
    /// </summary>
    public static void BagBackwardShared(
        ArrayView<float> dh,            // (K, ld) compact per distinct movie, columns [offset, offset+hDim)
        ArrayView<int> rows,            // (K) movie of each dh row
        ArrayView<int> featOffsets,
        ArrayView<int> featIndices,
        ArrayView<float> partials,      // (chunks, F·hDim)
        BagArgs a)
    {
        var table = SharedMemory.Allocate<float>(SharedTableFloats);
        int size = a.FeatureCount * a.HDim;
        int tid = Group.IdxX;
        for (int e = tid; e < size; e += Group.DimX) table[e] = 0f;
        Group.Barrier();
        Accumulate(dh, rows, featOffsets, featIndices, table, a);
        int baseAt = Grid.IdxX * size;
        for (int e = tid; e < size; e += Group.DimX) partials[baseAt + e] = table[e];
    }

    /// <summary>As <see cref="BagBackwardShared"/> but the group's table is its own partials[c] slice in global memory.</summary>
    public static void BagBackwardGlobal(
        ArrayView<float> dh,
        ArrayView<int> rows,
        ArrayView<int> featOffsets,
        ArrayView<int> featIndices,
        ArrayView<float> partials,      // (chunks, F·hDim)
        BagArgs a)
    {
        int size = a.FeatureCount * a.HDim;
        var table = partials.SubView(Grid.IdxX * size, size);
        int tid = Group.IdxX;
        for (int e = tid; e < size; e += Group.DimX) table[e] = 0f;
        Group.Barrier();
        Accumulate(dh, rows, featOffsets, featIndices, table, a);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Accumulate(
        ArrayView<float> dh, ArrayView<int> rows, ArrayView<int> featOffsets, ArrayView<int> featIndices,
        ArrayView<float> table, BagArgs a)
    {
        int hDim = a.HDim;
        int tid = Group.IdxX;
        int k = Grid.IdxX * a.ChunkMovies;
        int kEnd = Math.Min(a.N, k + a.ChunkMovies);
        for (; k < kEnd; k++)
        {
            int m = rows[k];
            int f0 = featOffsets[m];
            int pairs = (featOffsets[m + 1] - f0) * hDim;
            int dhRow = k * a.Io.Ld + a.Io.Offset;
            for (int p = tid; p < pairs; p += Group.DimX)
            {
                int f = p / hDim;
                int h = p - f * hDim;
                int j = featIndices[f0 + f];
                table[j * hDim + h] += dh[dhRow + h];
            }
            Group.Barrier();
        }
    }
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
