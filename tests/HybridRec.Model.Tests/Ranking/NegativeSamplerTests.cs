using FsCheck;
using FsCheck.Fluent;
using HybridRec.Data;
using HybridRec.Model.Tests.TestData;
using HybridRec.Model.Training;

namespace HybridRec.Model.Tests.Ranking;

/// <summary>The ranking head's negatives: rejection of rated items, the distribution q, and determinism of the plans' draws.</summary>
public sealed class NegativeSamplerTests
{
    private static TrainingSamples RandomSamples(int n, int users, int items, SeededRandom rng) => new(
        Enumerable.Range(0, n).Select(_ => rng.NextInt(users)).ToArray(),
        Enumerable.Range(0, n).Select(_ => rng.NextInt(items)).ToArray(),
        Enumerable.Range(0, n).Select(_ => rng.NextSingle()).ToArray());

    [Fact]
    public void AnAcceptedNegativeIsNeverAnItemTheUserRatedAndOnlyExhaustedDrawsAreMasked()
    {
        var gen = from n in Gen.Choose(1, 200)
                  from batch in Gen.Choose(1, 32)
                  from users in Gen.Choose(1, 12)
                  from items in Gen.Choose(1, 30)
                  from k in Gen.Choose(1, 8)
                  from uniform in Gen.Elements(true, false)
                  from seed in Gen.Choose(0, 10_000)
                  select (n, batch, users, items, k, uniform, seed);
        int masked = 0, accepted = 0;
        Prop.ForAll(gen.ToArbitrary(), c =>
        {
            var rng = new SeededRandom(c.seed);
            var samples = RandomSamples(c.n, c.users, c.items, rng);
            var options = new RankingLossOptions { Negatives = c.k, Sampling = c.uniform ? NegativeSampling.Uniform : NegativeSampling.Popularity };
            var sampler = new NegativeSampler(samples, c.users, c.items, options);
            var rated = Enumerable.Range(0, c.users).Select(u => Enumerable.Range(0, c.n).Where(i => samples.Users[i] == u).Select(i => samples.Items[i]).ToHashSet()).ToArray();
            var plan = new EpochPlan(samples, c.batch, c.users, c.items, sampler);
            plan.Shuffle(rng, c.seed);
            int width = 1 + c.k;
            Assert.Equal(c.k, plan.RankNegatives);
            for (int i = 0; i < plan.SampleCount; i++)
            {
                int u = plan.Users[i];
                Assert.Equal(plan.Items[i], plan.Candidates[i * width]);   // the positive first, never masked
                Assert.Equal(1, plan.CandidateMask[i * width]);
                for (int j = 1; j < width; j++)
                {
                    int m = plan.Candidates[i * width + j];
                    Assert.InRange(m, 0, c.items - 1);
                    if (plan.CandidateMask[i * width + j] == 1)
                    {
                        Assert.DoesNotContain(m, rated[u]);
                        accepted++;
                    }
                    else
                    {
                        // Masked only when 64 draws all hit rated items: the user rated most of the catalogue.
                        Assert.True(rated[u].Count * 2 > c.items, $"user {u} rated {rated[u].Count} of {c.items} items but a negative was masked");
                        masked++;
                    }
                }
            }
            return true;
        }).Check(Properties.Deterministic(150));
        Assert.True(accepted > 1000 && masked > 0, $"{accepted} accepted, {masked} masked: the cases should exercise both");
    }

    [Fact]
    public void TheSameSeedsGiveTheSameCandidatesAndOtherEpochsDiffer()
    {
        var samples = RandomSamples(500, 20, 60, new SeededRandom(3));
        var sampler = new NegativeSampler(samples, 20, 60, new RankingLossOptions { Negatives = 5 });
        var a = new EpochPlan(samples, 16, 20, 60, sampler);
        var b = new EpochPlan(samples, 16, 20, 60, sampler);
        a.Shuffle(SeededRandom.For(1, "epoch:1"), 11);
        b.Shuffle(SeededRandom.For(1, "epoch:1"), 11);
        Assert.Equal(a.Candidates, b.Candidates);
        Assert.Equal(a.CandidateMask, b.CandidateMask);
        Assert.Equal(a.CandidateSegments!.Rows, b.CandidateSegments!.Rows);
        Assert.Equal(a.CandidateSegments.Samples, b.CandidateSegments.Samples);

        // The same order with another negative seed: same positives, other negatives.
        b.Shuffle(SeededRandom.For(1, "epoch:1"), 12);
        Assert.Equal(a.Items, b.Items);
        Assert.NotEqual(a.Candidates, b.Candidates);
        // Another epoch: another order and other negatives.
        b.Shuffle(SeededRandom.For(1, "epoch:2"), 12);
        Assert.NotEqual(a.Items, b.Items);
    }

    [Fact]
    public void PopularitySamplingFollowsQAndUniformSamplingIsFlat()
    {
        // Item m rated by users 0..m−1 (item 0 by nobody): counts 0..19; user u rated the items above u.
        const int Items = 20, Users = 40;
        var users = new List<int>();
        var items = new List<int>();
        for (int m = 0; m < Items; m++)
            for (int u = 0; u < m; u++) { users.Add(u); items.Add(m); }
        var samples = new TrainingSamples([.. users], [.. items], new float[users.Count]);

        var popular = new NegativeSampler(samples, Users, Items, new RankingLossOptions { Sampling = NegativeSampling.Popularity, PopularityExponent = 1f });
        Assert.Equal(1.0, popular.Probabilities.Sum(), 12);
        Assert.Equal(Math.Log(popular.Probabilities[7]), popular.LogQ[7], 5);
        Assert.Equal(20.0 / 1.0, popular.Probabilities[19] / popular.Probabilities[0], 9);   // (19 + 1)^1 / (0 + 1)^1

        const int Draws = 200_000;
        var rng = new SeededRandom(5);
        var counts = new int[Items];
        for (int i = 0; i < Draws; i++) counts[popular.DrawItem(rng)]++;
        for (int m = 0; m < Items; m++)
        {
            // Each frequency within 5 binomial standard deviations of q(m).
            double p = popular.Probabilities[m], sd = Math.Sqrt(Draws * p * (1 - p));
            Assert.InRange(counts[m], Draws * p - 5 * sd, Draws * p + 5 * sd);
        }
        Assert.True(counts[19] > 10 * counts[0], $"most popular drawn {counts[19]} times, least {counts[0]}");

        var uniform = new NegativeSampler(samples, Users, Items, new RankingLossOptions { Sampling = NegativeSampling.Uniform });
        counts = new int[Items];
        for (int i = 0; i < Draws; i++) counts[uniform.DrawItem(rng)]++;
        double expected = Draws / (double)Items, bound = 5 * Math.Sqrt(expected * (1 - 1.0 / Items));
        Assert.All(counts, c => Assert.InRange(c, expected - bound, expected + bound));

        // A user without ratings accepts every draw; user 10 rated items 11..19 and never gets one as a negative.
        for (int i = 0; i < 1000; i++)
        {
            Assert.True(popular.Draw(Users - 1, rng, out _));
            Assert.True(popular.Draw(10, rng, out int m));
            Assert.InRange(m, 0, 10);
            Assert.False(popular.Rated(10, m));
        }
    }

    [Fact]
    public void BadOptionsAreRejected()
    {
        Assert.Throws<ArgumentException>(() => new RankingLossOptions { Negatives = 0 }.Validate());
        Assert.Throws<ArgumentException>(() => new RankingLossOptions { Weight = float.NaN }.Validate());
        Assert.Throws<ArgumentException>(() => new RankingLossOptions { LearningRateScale = 0 }.Validate());
        Assert.Throws<ArgumentException>(() => new RankingLossOptions { PopularityExponent = -1 }.Validate());
        Assert.Throws<ArgumentException>(() => new HybridModelOptions { RankingEmbeddingSize = -1 }.Validate());
        var samples = new TrainingSamples([0], [5], [0f]);
        Assert.Throws<ArgumentException>(() => new NegativeSampler(samples, 1, 5, new RankingLossOptions()));   // item 5 of 5
    }
}
