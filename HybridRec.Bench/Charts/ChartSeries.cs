namespace HybridRec.Bench.Charts;

/// <summary>One named line of a <see cref="LineChart"/>: points (X[i], Y[i]) joined in the given order.</summary>
/// <param name="Name">Legend text.</param>
/// <param name="X">X coordinates; same length as <paramref name="Y"/>.</param>
/// <param name="Y">Y coordinates.</param>
public sealed record ChartSeries(string Name, double[] X, double[] Y);
