using HybridRec.Data;
using HybridRec.Model.Tuning;
using Xunit;

namespace HybridRec.Model.Tests.Tuning;

public class ParzenEstimatorTests
{
    private static readonly TpeOptions Defaults = new();

    [Fact]
    public void Observation_weights_follow_optunas_ramp()
    {
        Assert.Empty(ParzenEstimator.ObservationWeights(0));
        Assert.All(ParzenEstimator.ObservationWeights(24), w => Assert.Equal(1.0, w));
        // n = 30: the oldest 5 ramp linearly from 1/30 to 1, the newest 25 weigh 1.
        double[] w = ParzenEstimator.ObservationWeights(30);
        Assert.Equal(1.0 / 30, w[0], 1e-15);
        Assert.Equal(1.0 / 30 + (1 - 1.0 / 30) * 2 / 4, w[2], 1e-15);
        Assert.Equal(1.0, w[4], 1e-15);
        Assert.All(w[5..], x => Assert.Equal(1.0, x));
        Assert.Equal(1.0 / 26, ParzenEstimator.ObservationWeights(26)[0], 1e-15);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void Integer_probabilities_sum_to_one(bool log)
    {
        var p = new IntParameter("n", 1, 40, log);
        foreach (double[] obs in new[] { Array.Empty<double>(), [3], [3, 3, 3, 40], [1, 2, 5, 8, 13, 21, 34] })
        {
            var estimator = ParzenEstimator.Fit(p, obs, Defaults);
            double total = Enumerable.Range(1, 40).Sum(v => Math.Exp(estimator.LogDensity(v)));
            Assert.Equal(1.0, total, 1e-9);
        }
    }

    [Fact]
    public void Choice_probabilities_sum_to_one_and_favour_observed_values()
    {
        var p = new ChoiceParameter("batch", 64, 128, 256, 512);
        var estimator = ParzenEstimator.Fit(p, [128, 128, 512], Defaults);
        double[] probabilities = p.Values.Select(v => Math.Exp(estimator.LogDensity(v))).ToArray();
        Assert.Equal(1.0, probabilities.Sum(), 1e-12);
        // kernels: 3 observations + uniform prior, each weight 1/4; smoothing 1/4 per value in each observation kernel (total 2)
        // P(128) = 2/4 · (0.25 + 1)/2 + 1/4 · (0.25/2) + 1/4 · 1/4 = 0.3125 + 0.03125 + 0.0625
        Assert.Equal(0.40625, probabilities[1], 1e-12);
        Assert.True(probabilities[1] > probabilities[3] && probabilities[3] > probabilities[0]);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void Float_density_integrates_to_one_over_the_range(bool log)
    {
        var p = new FloatParameter("x", 0.01, 10, log);
        var estimator = ParzenEstimator.Fit(p, [0.02, 0.5, 0.6, 9.9], Defaults);
        // Densities live in the transformed space: integrate over t = log x for log parameters.
        double lo = log ? Math.Log(0.01) : 0.01, hi = log ? Math.Log(10) : 10;
        const int steps = 200_000;
        double h = (hi - lo) / steps, integral = 0;
        for (int i = 0; i <= steps; i++)
        {
            double t = lo + i * h, x = Math.Clamp(log ? Math.Exp(t) : t, 0.01, 10);
            integral += (i == 0 || i == steps ? 0.5 : 1.0) * Math.Exp(estimator.LogDensity(x)) * h;
        }
        Assert.Equal(1.0, integral, 1e-4);
    }

    [Fact]
    public void Density_peaks_near_clustered_observations_and_samples_stay_in_range()
    {
        var p = new FloatParameter("x", -5, 5);
        var estimator = ParzenEstimator.Fit(p, [1.0, 1.1, 0.9, 1.05], Defaults);
        Assert.True(estimator.LogDensity(1.0) > estimator.LogDensity(-4.0) + 2);
        var rng = new SeededRandom(1);
        var samples = Enumerable.Range(0, 2000).Select(_ => estimator.Sample(rng)).ToArray();
        Assert.All(samples, s => Assert.InRange(s, -5, 5));
        // 4 of the 5 mixture components (weight 0.8) sit at 0.9–1.1 with bandwidths clipped to at least 10/6
        double nearOne = samples.Count(s => Math.Abs(s - 1) < 2) / (double)samples.Length;
        Assert.InRange(nearOne, 0.6, 0.85);
    }
}
