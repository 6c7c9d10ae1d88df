using HybridRec.Data;
using HybridRec.Model.Tuning;
using Xunit;

namespace HybridRec.Model.Tests.Tuning;

public class TpeSamplerTests
{
    private static TrialResult Trial(int number, TrialParameters p, double score) =>
        new(number, p, score, TimeSpan.Zero, new Dictionary<string, double>());

    /// <summary>A history of the given length whose contents the random sampler ignores.</summary>
    private static List<TrialResult> Placeholder(int length)
    {
        var p = new TrialParameters([]);
        return Enumerable.Range(0, length).Select(i => Trial(i, p, 0)).ToList();
    }

    [Fact]
    public void Options_are_validated()
    {
        var space = new SearchSpace(new FloatParameter("x", 0, 1));
        Assert.Throws<ArgumentOutOfRangeException>(() => new TpeSampler(space, new TpeOptions { Candidates = 0 }));
        Assert.Throws<ArgumentOutOfRangeException>(() => new TpeSampler(space, new TpeOptions { StartupTrials = -1 }));
        Assert.Throws<ArgumentOutOfRangeException>(() => new TpeSampler(space, new TpeOptions { PriorWeight = 0 }));
        Assert.Equal(1, TpeOptions.DefaultGamma(1));
        Assert.Equal(1, TpeOptions.DefaultGamma(10));
        Assert.Equal(2, TpeOptions.DefaultGamma(11));
        Assert.Equal(25, TpeOptions.DefaultGamma(1000));
    }

    [Fact]
    public void Startup_suggestions_are_the_random_samplers()
    {
        var space = new SearchSpace(new FloatParameter("x", 0, 1), new IntParameter("n", 1, 100, log: true), new ChoiceParameter("c", 1, 2, 3));
        var tpe = new TpeSampler(space, new TpeOptions { Seed = 42 });
        var random = new RandomSampler(space, 42);
        var history = new List<TrialResult>();
        for (int i = 0; i < 10; i++)
        {
            var p = tpe.Suggest(history);
            Assert.Equal(random.Suggest(history), p);
            history.Add(Trial(i, p, i));
        }
        Assert.NotEqual(random.Suggest(history), tpe.Suggest(history)); // TPE from trial 10 on
        Assert.NotEqual(new RandomSampler(space, 43).Suggest([]), random.Suggest([]));
    }

    [Fact]
    public void Random_sampler_draws_log_parameters_uniformly_in_log_space()
    {
        var space = new SearchSpace(new FloatParameter("lr", 1e-4, 1, log: true), new IntParameter("n", 1, 1000, log: true), new FloatParameter("u", 1e-4, 1));
        var sampler = new RandomSampler(space, 5);
        var draws = Enumerable.Range(0, 4000).Select(n => sampler.Suggest(Placeholder(n))).ToList();
        // log-uniform on [1e-4, 1]: P(lr < 1e-2) = 1/2; uniform: P(u < 1e-2) ≈ 0.01
        Assert.InRange(draws.Count(p => p.Get("lr") < 1e-2) / 4000.0, 0.46, 0.54);
        Assert.InRange(draws.Count(p => p.Get("u") < 1e-2) / 4000.0, 0.0, 0.03);
        // log-uniform on [0.5, 1000.5] then rounded: P(n ≤ 22) = log(22.5/0.5)/log(1000.5/0.5) ≈ 0.50
        Assert.InRange(draws.Count(p => p.Get("n") <= 22) / 4000.0, 0.46, 0.54);
        Assert.Contains(draws, p => p.Get("n") == 1);
        Assert.Contains(draws, p => p.Get("n") == 1000);
    }

    [Fact]
    public void Failed_trials_count_as_bad()
    {
        // Successes at x = 0.50, 0.52, …, 1.00 (score = x, so the best sit just above 0.5), interleaved with failures
        // at x = 0.00, 0.02, …, 0.48. With the failures in the bad group g is high below 0.5 and TPE stays above it;
        // with the failures removed g has no mass below 0.5 and the good kernels' lower halves win.
        var space = new SearchSpace(new FloatParameter("x", 0, 1));
        var withFailures = new List<TrialResult>();
        var withoutFailures = new List<TrialResult>();
        for (int i = 0; i <= 25; i++)
        {
            var ok = new TrialParameters([new("x", 0.5 + 0.02 * i)]);
            withFailures.Add(Trial(withFailures.Count, ok, ok.Get("x")));
            withoutFailures.Add(Trial(withoutFailures.Count, ok, ok.Get("x")));
            if (i < 25) withFailures.Add(Trial(withFailures.Count, new TrialParameters([new("x", 0.02 * i)]), i % 2 == 0 ? double.NaN : double.PositiveInfinity));
        }
        int Below(List<TrialResult> history) => Enumerable.Range(0, 40)
            .Count(seed => new TpeSampler(space, new TpeOptions { Seed = seed }).Suggest(history).Get("x") < 0.5);
        // Measured: 0 of 40 below 0.5 with the failures, 40 of 40 without.
        Assert.InRange(Below(withFailures), 0, 4);
        Assert.InRange(Below(withoutFailures), 36, 40);
    }

    [Fact]
    public void A_history_of_only_failures_still_gives_legal_suggestions()
    {
        var space = new SearchSpace(new FloatParameter("x", 0, 1), new IntParameter("n", 2, 9), new ChoiceParameter("c", 0.5, 1.5));
        var sampler = new TpeSampler(space, new TpeOptions { StartupTrials = 2 });
        var result = Tuner.Run(sampler, (_, _) => new TrialOutcome(double.NaN), 15, ct: TestContext.Current.CancellationToken);
        Assert.All(result.Trials, t => Assert.True(space.Contains(t.Parameters)));
        Assert.False(result.AnySucceeded);
    }

    [Fact]
    public void History_with_a_value_outside_the_space_is_rejected()
    {
        var space = new SearchSpace(new IntParameter("n", 1, 5));
        var sampler = new TpeSampler(space);
        Assert.Throws<ArgumentException>(() => sampler.Suggest([Trial(0, new TrialParameters([new("n", 7)]), 1)]));
        Assert.Throws<ArgumentException>(() => sampler.Suggest([Trial(0, new TrialParameters([new("m", 1)]), 1)]));
    }

    private static double Median(IEnumerable<double> values)
    {
        var s = values.OrderBy(v => v).ToArray();
        return s.Length % 2 == 1 ? s[s.Length / 2] : 0.5 * (s[s.Length / 2 - 1] + s[s.Length / 2]);
    }

    /// <summary>Median over 20 seeds of the best score found in 40 trials.</summary>
    private static double MedianBest(Func<int, ISampler> sampler, Func<SeededRandom, TrialParameters, double> objective) =>
        Median(Enumerable.Range(0, 20).Select(seed =>
        {
            var noise = SeededRandom.For(seed, "noise");
            return Tuner.Run(sampler(seed), (p, _) => new TrialOutcome(objective(noise, p)), 40, ct: TestContext.Current.CancellationToken).Best.Score;
        }));

    [Fact]
    public void Tpe_beats_random_search_on_a_noisy_quadratic_bowl()
    {
        // Minimum 0 at a = 3, b = 0.05 (log scale), c = 17; Gaussian noise with σ = 0.1.
        var space = new SearchSpace(new FloatParameter("a", -10, 10), new FloatParameter("b", 1e-3, 10, log: true), new IntParameter("c", 0, 50));
        static double Bowl(SeededRandom noise, TrialParameters p)
        {
            double a = p.Get("a") - 3, b = Math.Log10(p.Get("b") / 0.05), c = (p.GetInt("c") - 17) / 5.0;
            return a * a + b * b + c * c + 0.1 * noise.NextGaussian();
        }
        double tpe = MedianBest(seed => new TpeSampler(space, new TpeOptions { Seed = seed }), Bowl);
        double random = MedianBest(seed => new RandomSampler(space, seed), Bowl);
        // Measured (seeds 0–19): TPE 0.807, random 2.443, ratio 0.33. Over five other blocks of 20 seeds the ratio
        // ranged 0.41–0.58, so the assertion asks for TPE below 0.7 × random.
        Assert.True(tpe < 0.7 * random, $"TPE median best {tpe:F4} vs random {random:F4}");
    }

    [Fact]
    public void Tpe_beats_random_search_on_branin()
    {
        // Branin over x1 ∈ [−5, 10], x2 ∈ [0, 15]; global minimum 0.397887.
        var space = new SearchSpace(new FloatParameter("x1", -5, 10), new FloatParameter("x2", 0, 15));
        static double Branin(SeededRandom _, TrialParameters p)
        {
            double x1 = p.Get("x1"), x2 = p.Get("x2");
            double b = 5.1 / (4 * Math.PI * Math.PI), c = 5 / Math.PI, t = 1 / (8 * Math.PI);
            double q = x2 - b * x1 * x1 + c * x1 - 6;
            return q * q + 10 * (1 - t) * Math.Cos(x1) + 10;
        }
        double tpe = MedianBest(seed => new TpeSampler(space, new TpeOptions { Seed = seed }), Branin);
        double random = MedianBest(seed => new RandomSampler(space, seed), Branin);
        // Measured (seeds 0–19): TPE 0.635, random 0.917, ratio 0.69. Over five other blocks of 20 seeds the ratio
        // ranged 0.55–0.76, so the assertion asks for TPE below 0.85 × random.
        Assert.True(tpe < 0.85 * random, $"TPE median best {tpe:F4} vs random {random:F4}");
    }
}
