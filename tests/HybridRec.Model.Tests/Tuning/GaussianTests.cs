using HybridRec.Model.Tuning;
using Xunit;

namespace HybridRec.Model.Tests.Tuning;

public class GaussianTests
{
    // Reference values from CPython's math.erf / math.erfc.
    [Theory]
    [InlineData(0.1, 0.1124629160182849, 0.8875370839817152)]
    [InlineData(0.5, 0.5204998778130465, 0.4795001221869535)]
    [InlineData(1.0, 0.8427007929497149, 0.15729920705028513)]
    [InlineData(2.0, 0.9953222650189527, 0.004677734981047265)]
    [InlineData(2.9, 0.9999589021219005, 4.109787809945886e-05)]
    [InlineData(3.1, 0.9999883513426328, 1.1648657367199589e-05)]
    [InlineData(4.0, 0.9999999845827421, 1.541725790028002e-08)]
    [InlineData(5.0, 0.9999999999984626, 1.5374597944280351e-12)]
    [InlineData(10.0, 1.0, 2.088487583762545e-45)]
    [InlineData(20.0, 1.0, 5.3958656116079005e-176)]
    public void Erf_and_erfc_match_reference_values(double x, double erf, double erfc)
    {
        Assert.Equal(erf, Gaussian.Erf(x), 1e-15);
        Assert.Equal(-erf, Gaussian.Erf(-x), 1e-15);
        Assert.True(Math.Abs(Gaussian.Erfc(x) / erfc - 1) < 1e-13, $"erfc({x}) = {Gaussian.Erfc(x)}, expected {erfc}");
        Assert.Equal(2 - erfc, Gaussian.Erfc(-x), 1e-15);
    }

    [Fact]
    public void Log_cdf_and_log_mass_stay_accurate_in_the_tails()
    {
        // log Φ(−40) and log Φ(−10) from the asymptotic series (30 terms); log(Φ(1) − Φ(−1)) = log erf(1/√2).
        Assert.Equal(-804.6084420137538, Gaussian.LogCdf(-40), 1e-9);
        Assert.Equal(-53.23128515051247, Gaussian.LogCdf(-10), 1e-10);
        Assert.Equal(-0.38171514630212616, Gaussian.LogMass(-1, 1), 1e-13);
        // mass of [30, 31], deep in the right tail: log(Φ(−30) − Φ(−31))
        Assert.Equal(-454.3212439563432, Gaussian.LogMass(30, 31), 1e-9);
        Assert.Equal(Gaussian.LogMass(30, 31), Gaussian.LogMass(-31, -30), 1e-12);
        Assert.Equal(-Gaussian.Cdf(-8), Gaussian.LogCdf(8), 1e-25);
        Assert.Equal(0.5, Gaussian.Cdf(0), 1e-16);
    }

    [Fact]
    public void Truncated_samples_stay_in_the_interval()
    {
        var rng = new HybridRec.Data.SeededRandom(3);
        for (int i = 0; i < 1000; i++)
        {
            double x = Gaussian.SampleTruncated(rng, 0.0, 1.0, 0.0, 1.0);
            Assert.InRange(x, 0.0, 1.0);
        }
    }
}
