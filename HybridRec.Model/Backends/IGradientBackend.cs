using HybridRec.Model.Training;

namespace HybridRec.Model.Backends;

/// <summary>
/// Access to a backend's gradient, for checks that compare backends before any optimiser step
/// (comparing parameters after Adam is ill-conditioned: Adam's first step is ≈ lr·sign(g), so rounding can flip
/// the update of a near-zero gradient).
/// </summary>
internal interface IGradientBackend
{
    /// <summary>Forward and backward on one batch: writes the batch gradient into the gradient block without stepping.</summary>
    void ComputeGradients(EpochPlan plan, int batch);

    /// <summary>Copies the gradient block out (touched rows of row-sparse slices; zeros elsewhere after <see cref="IModelBackend.SetParameters"/>).</summary>
    void GetGradients(Span<float> destination);
}
