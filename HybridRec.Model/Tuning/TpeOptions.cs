namespace HybridRec.Model.Tuning;

/// <summary>Settings of a <see cref="TpeSampler"/>; the defaults are Optuna's.</summary>
public sealed record TpeOptions
{
    /// <summary>Suggestions drawn at random (as by a <see cref="RandomSampler"/> with the same seed) before TPE starts.</summary>
    public int StartupTrials { get; init; } = 10;

    /// <summary>Candidates drawn from the good density per parameter; the one with the highest l(x)/g(x) is returned.</summary>
    public int Candidates { get; init; } = 24;

    /// <summary>
    /// Number of good trials given the number of finished trials (failed ones included); the default is
    /// <see cref="DefaultGamma"/>. The result is capped at the number of successful trials.
    /// </summary>
    public Func<int, int> Gamma { get; init; } = DefaultGamma;

    /// <summary>Weight of the prior component (a wide Gaussian at the range centre, or a uniform choice) in each mixture.</summary>
    public double PriorWeight { get; init; } = 1.0;

    /// <summary>Clip bandwidths from below at range / min(100, n + 2) (Optuna's "magic clip"); otherwise at 1e-12.</summary>
    public bool ConsiderMagicClip { get; init; } = true;

    /// <summary>Let the range ends count as neighbours when setting the bandwidth of the lowest and highest observation.</summary>
    public bool ConsiderEndpoints { get; init; }

    /// <summary>Seed of all draws.</summary>
    public long Seed { get; init; }

    /// <summary>Optuna's default split: <c>min(ceil(0.1 · n), 25)</c> good trials out of <c>n</c>.</summary>
    public static int DefaultGamma(int n) => Math.Min((int)Math.Ceiling(0.1 * n), 25);
}
