using ILGPU;

namespace HybridRec.Kernels;

/// <summary>Registry entry of the Loss family: the MSE gradient and the loss sum (double, deterministic).</summary>
internal static class LossFamily
{
    public static readonly DeviceKernel<ArrayView<float>, ArrayView<float>, ArrayView<float>, ArrayView<double>, int, float> MsePartials =
        new(LossKernels.MsePartials, usesDouble: true);

    public static readonly DeviceKernel<ArrayView<double>, ArrayView<double>, int> MseFinal =
        new(LossKernels.MseFinal, usesDouble: true);

    public static KernelFamily Entry { get; } = new("Loss", [MsePartials, MseFinal],
    [
        new(nameof(HybridKernels.MseLossGrad), "dy exact; lossSum (double) rtol 1e-9", MseLossGradCase.Draw,
        [
            new("MseLossGrad", w => new("B", w.B * 12.0,
                () => w.Kernels.MseLossGrad(w.Y, w.Targets, w.B, 2f / w.B, w.Dy, w.LossSum))),
        ]),
    ]);
}
