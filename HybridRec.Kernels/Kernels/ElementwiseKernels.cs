using ILGPU;

namespace HybridRec.Kernels;

/// <summary>Element-wise kernels: ReLU backward mask and scaled add. Explicitly grouped, 1-D, grid-stride.</summary>
internal static class ElementwiseKernels
{
    /// <summary>grad[i·ld + off + j] = act[...] &gt; 0 ? grad[...] : 0 for j &lt; count.</summary>
    public static void ReluBackward(
        ArrayView<float> grad,      // (n, ld), columns [offset, offset+count)
        ArrayView<float> act,       // (n, ld), same placement
        Placement place, int count, int n)
    {
        int total = n * count;
        int stride = Grid.DimX * Group.DimX;
        for (int e = Grid.IdxX * Group.DimX + Group.IdxX; e < total; e += stride)
        {
            int i = e / count;
            int j = e - i * count;
            int at = i * place.Ld + place.Offset + j;
            if (!(act[at] > 0f)) grad[at] = 0f;
        }
    }

    /// <summary>
    /// Output-layer backward fused with the ReLU masks: dc[i·ldDc + k] = dy[i]·wo[k] for k &lt; maskFrom, and
    /// dy[i]·wo[k]·[c[i·ldC + k] &gt; 0] for maskFrom ≤ k &lt; width.
    /// </summary>
    public static void OutputBackward(
        ArrayView<float> dy,        // (n)
        ArrayView<float> wo,        // (width)
        ArrayView<float> c,         // (n, ldC) activations
        ArrayView<float> dc,        // (n, ldDc) output
        int width, int maskFrom, int ldC, int ldDc, int n)
    {
        int total = n * width;
        int stride = Grid.DimX * Group.DimX;
        for (int e = Grid.IdxX * Group.DimX + Group.IdxX; e < total; e += stride)
        {
            int i = e / width;
            int k = e - i * width;
            float g = dy[i] * wo[k];
            if (k >= maskFrom && !(c[i * ldC + k] > 0f)) g = 0f;
            dc[i * ldDc + k] = g;
        }
    }

    /// <summary>dst[i] += alpha·src[i] for i &lt; length.</summary>
    public static void AddScaled(ArrayView<float> dst, ArrayView<float> src, float alpha, int length)
    {
        int stride = Grid.DimX * Group.DimX;
        for (int i = Grid.IdxX * Group.DimX + Group.IdxX; i < length; i += stride)
            dst[i] += alpha * src[i];
    }
}
