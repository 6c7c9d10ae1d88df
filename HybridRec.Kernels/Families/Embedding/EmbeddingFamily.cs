using ILGPU;
using static HybridRec.Kernels.KernelWorkload;

namespace HybridRec.Kernels;

/// <summary>Registry entry of the Embedding family: gather rows, and the deterministic per-row segment sums.</summary>
internal static class EmbeddingFamily
{
    public static readonly DeviceKernel<ArrayView<float>, ArrayView<int>, ArrayView<float>, int, int, Placement> GatherRows =
        new(EmbeddingKernels.GatherRows);

    public static readonly DeviceKernel<ArrayView<float>, ArrayView<int>, ArrayView<int>, ArrayView<int>, ArrayView<float>, ArrayView<float>, SegmentArgs> SegmentSum =
        new(EmbeddingKernels.SegmentSum);

    public static KernelFamily Entry { get; } = new("Embedding", [GatherRows, SegmentSum],
    [
        new(nameof(HybridKernels.GatherRows), "exact", GatherRowsCase.Draw,
        [
            new("GatherRows", w => new($"B×{E} from {w.U}×{E}", 2.0 * w.B * E * 4,
                () => w.Kernels.GatherRows(w.P, E, w.Users, w.B, w.X, 2 * E, 0))),
        ]),
        new(nameof(HybridKernels.SegmentSumRows), Tolerances.SumRule + " (m = longest segment + L2 term)",
            (r, s, seed) => SegmentSumCase.Draw(r, s, seed, nameof(HybridKernels.SegmentSumRows)),
        [
            new("SegmentSumRows movies", w => new($"{w.MovieSegments.Count} rows, max {w.MovieSegments.MaxLength}", w.B * E * 4.0,
                () => w.Kernels.SegmentSumRows(w.Dx, 2 * E, E, E, w.MovieRows, w.MovieOffsets, w.MovieSamples, w.MovieSegments.Count, w.Dq, w.Q, 1e-4f))),
            new("SegmentSumRows users", w => new($"{w.UserSegments.Count} rows, max {w.UserSegments.MaxLength}", w.B * E * 4.0,
                () => w.Kernels.SegmentSumRows(w.Dx, 2 * E, 0, E, w.UserRows, w.UserOffsets, w.UserSamples, w.UserSegments.Count, w.Dp, w.P, 0f))),
        ]),
        new(nameof(HybridKernels.SegmentSumCompact), Tolerances.SumRule + " (m = longest segment)",
            (r, s, seed) => SegmentSumCase.Draw(r, s, seed, nameof(HybridKernels.SegmentSumCompact)),
        [
            new("SegmentSumCompact", w => new($"{w.MovieSegments.Count} movies × {H}", w.B * H * 4.0,
                () => w.Kernels.SegmentSumCompact(w.Dc, K, 1 + 2 * H, H, w.MovieOffsets, w.MovieSamples, w.MovieSegments.Count, w.DhCompact))),
        ]),
    ]);
}
