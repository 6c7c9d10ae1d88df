namespace HybridRec.Model.Training;

/// <summary>How the ranking head's negatives are drawn (docs/design.md, "Ranking head").</summary>
public enum NegativeSampling
{
    /// <summary>Every item equally likely (q(m) uniform; the exponent is not used).</summary>
    Uniform,

    /// <summary>q(m) ∝ (training ratings of m + 1)^<see cref="RankingLossOptions.PopularityExponent"/>.</summary>
    Popularity,
}

/// <summary>
/// The ranking objective of the ranking head (used only when <see cref="HybridModelOptions.RankingEmbeddingSize"/> &gt; 0):
/// a sampled softmax over each training sample's item (the positive) and <see cref="Negatives"/> items drawn from q
/// that its user did not rate, with the logQ correction, weighted against the rating MSE by <see cref="Weight"/>.
/// Defaults are defined here once and were chosen on validation data (docs/experiments-ranking.md).
/// </summary>
public sealed record RankingLossOptions
{
    /// <summary>Default <see cref="Negatives"/>.</summary>
    public const int DefaultNegatives = 64;

    /// <summary>Default <see cref="PopularityExponent"/>.</summary>
    public const float DefaultPopularityExponent = 0.75f;

    /// <summary>Default <see cref="Weight"/>.</summary>
    public const float DefaultWeight = 1f;

    /// <summary>Default <see cref="LearningRateScale"/> (the exploration's 2e-3 against the rating's 5.93e-4; chosen on validation).</summary>
    public const float DefaultLearningRateScale = 3.4f;

    /// <summary>The most negatives per sample.</summary>
    public const int MaxNegatives = 4096;

    /// <summary>Negatives k drawn per training sample, per epoch.</summary>
    public int Negatives { get; init; } = DefaultNegatives;

    /// <summary>The distribution q negatives are drawn from.</summary>
    public NegativeSampling Sampling { get; init; } = NegativeSampling.Popularity;

    /// <summary>α of popularity sampling: q(m) ∝ (count(m) + 1)^α. Not used with uniform sampling.</summary>
    public float PopularityExponent { get; init; } = DefaultPopularityExponent;

    /// <summary>Subtract log q(m) from every candidate's logit (the sampled softmax's correction for a non-uniform q).</summary>
    public bool LogQCorrection { get; init; } = true;

    /// <summary>Weight W of the mean cross-entropy against the rating MSE: objective = MSE + W·mean CE + L2 terms.</summary>
    public float Weight { get; init; } = DefaultWeight;

    /// <summary>Adam's step on the ranking head's slices is the rating step times this factor.</summary>
    public float LearningRateScale { get; init; } = DefaultLearningRateScale;

    /// <summary>Whether the whole-table L2 (<see cref="HybridModelOptions.EmbeddingTableL2"/>) covers the ranking head's slices too (off by default: validation NDCG@10 0.1174 with it against 0.1231 without).</summary>
    public bool TableL2 { get; init; }

    /// <summary>The exponent α actually used: 0 for uniform sampling.</summary>
    public float ResolvedExponent => Sampling == NegativeSampling.Uniform ? 0f : PopularityExponent;

    /// <summary>Throws <see cref="ArgumentException"/> naming the first invalid option.</summary>
    public void Validate()
    {
        if (Negatives < 1 || Negatives > MaxNegatives) throw new ArgumentException($"ranking negatives must be in [1, {MaxNegatives}] (got {Negatives}).");
        if (!Enum.IsDefined(Sampling)) throw new ArgumentException($"unknown negative sampling {Sampling}.");
        if (!(PopularityExponent >= 0) || PopularityExponent > 4) throw new ArgumentException($"popularity exponent must be in [0, 4] (got {PopularityExponent}).");
        if (!(Weight >= 0) || float.IsInfinity(Weight)) throw new ArgumentException($"ranking weight must be a finite value ≥ 0 (got {Weight}).");
        if (!(LearningRateScale > 0) || float.IsInfinity(LearningRateScale)) throw new ArgumentException($"ranking learning-rate scale must be a finite value > 0 (got {LearningRateScale}).");
    }
}
