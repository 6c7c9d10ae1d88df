using ILGPU;
using static HybridRec.Kernels.KernelWorkload;

namespace HybridRec.Kernels;

/// <summary>Registry entry of the Optimizer family: dense and lazy Adam, and the scaled add of the L2 terms.</summary>
internal static class OptimizerFamily
{
    public static readonly DeviceKernel<ArrayView<float>, ArrayView<float>, ArrayView<float>, ArrayView<float>, AdamCoefficients, int> AdamDense =
        new(OptimizerKernels.AdamDense);

    public static readonly DeviceKernel<ArrayView<float>, ArrayView<float>, ArrayView<float>, ArrayView<float>, ArrayView<int>, AdamCoefficients, int, int> AdamRows =
        new(OptimizerKernels.AdamRows);

    public static readonly DeviceKernel<ArrayView<float>, ArrayView<float>, float, int> AddScaled =
        new(OptimizerKernels.AddScaled);

    private const string AdamRule = "atol 1e-6, rtol 1e-5; grad cleared exactly";

    public static KernelFamily Entry { get; } = new("Optimizer", [AdamDense, AdamRows, AddScaled],
    [
        new(nameof(HybridKernels.AdamDense), AdamRule, AdamDenseCase.Draw,
        [
            new("AdamDense", w => new($"{(long)w.U * E} params", w.U * E * 28.0,
                () => w.Kernels.AdamDense(w.AdamParam, w.AdamGrad, w.AdamM, w.AdamV, w.Adam))),
        ]),
        new(nameof(HybridKernels.AdamRows), AdamRule, AdamRowsCase.Draw,
        [
            new("AdamRows", w => new($"{w.UserSegments.Count} user rows × {E}", w.UserSegments.Count * E * 28.0,
                () => w.Kernels.AdamRows(w.AdamParam, w.AdamGrad, w.AdamM, w.AdamV, E, w.UserRows, w.UserSegments.Count, w.Adam))),
        ]),
        new(nameof(HybridKernels.AddScaled), "atol 1e-6, rtol 1e-6", AddScaledCase.Draw,
        [
            new("AddScaled", w => new($"{(long)w.U * E}", w.U * E * 12.0,
                () => w.Kernels.AddScaled(w.AdamM, w.AdamParam, 1e-4f))),
        ]),
    ]);
}
