namespace HybridRec.Model.Training;

/// <summary>Which Adam update the embeddings get (docs/design.md §3).</summary>
public enum AdamVariant
{
    /// <summary>Every element of the block every step (Keras/PyTorch with dense gradients).</summary>
    Dense,

    /// <summary>Dense slices every step; embedding rows only when a batch touches them (LazyAdam / SparseAdam).</summary>
    Lazy,
}

/// <summary>Adam hyperparameters: Keras' β1, β2 and ε; the learning rate of the tuned configuration.</summary>
public sealed record AdamOptions
{
    /// <summary>Default learning rate (tuned; see <see cref="HybridPresets.Tuned"/>).</summary>
    public const float DefaultLearningRate = 5.93e-4f;

    /// <summary>Keras' and PyTorch's default learning rate (the original notebook's).</summary>
    public const float KerasLearningRate = 1e-3f;

    /// <summary>Learning rate.</summary>
    public float LearningRate { get; init; } = DefaultLearningRate;

    /// <summary>Decay of the first moment.</summary>
    public float Beta1 { get; init; } = 0.9f;

    /// <summary>Decay of the second moment.</summary>
    public float Beta2 { get; init; } = 0.999f;

    /// <summary>Added to √v (Keras' default 1e-7).</summary>
    public float Epsilon { get; init; } = 1e-7f;

    /// <summary>Dense or lazy (row-sparse) update of the embedding slices.</summary>
    public AdamVariant Variant { get; init; } = AdamVariant.Dense;

    /// <summary>
    /// Step size α_t = lr·√(1−β2^t)/(1−β1^t) for step <paramref name="step"/> (counted from 1), computed in double
    /// from the decimal values of the options (0.999f is taken as 0.999, not as its binary neighbour 0.99900001287).
    /// </summary>
    public double StepSize(long step)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(step, 1L);
        double lr = Decimal(LearningRate), b1 = Decimal(Beta1), b2 = Decimal(Beta2);
        return lr * Math.Sqrt(1 - Math.Pow(b2, step)) / (1 - Math.Pow(b1, step));
    }

    // The float's shortest decimal value as a double; beyond decimal's range (a learning rate of 1e30, which training
    // then reports as divergence) the float itself.
    private static double Decimal(float value) => Math.Abs(value) < 7.9e27f ? (double)(decimal)value : value;

    /// <summary>Throws <see cref="ArgumentException"/> naming the first invalid value.</summary>
    public void Validate()
    {
        if (!(LearningRate > 0) || float.IsInfinity(LearningRate)) throw new ArgumentException($"learning rate must be a finite value > 0 (got {LearningRate}).");
        if (!(Beta1 >= 0 && Beta1 < 1)) throw new ArgumentException($"beta1 must be in [0, 1) (got {Beta1}).");
        if (!(Beta2 >= 0 && Beta2 < 1)) throw new ArgumentException($"beta2 must be in [0, 1) (got {Beta2}).");
        if (!(Epsilon > 0)) throw new ArgumentException($"epsilon must be > 0 (got {Epsilon}).");
    }
}
