using FsCheck;
using FsCheck.Fluent;
using HybridRec.Data;
using HybridRec.Model.Tests.TestData;
using HybridRec.Model.Training;

namespace HybridRec.Model.Tests.Training;

public sealed class EpochPlanTests
{
    [Fact]
    public void SegmentsPartitionEachBatchByRowInPositionOrder()
    {
        var gen = from n in Gen.Choose(1, 300)
                  from batch in Gen.Choose(1, 64)
                  from users in Gen.Choose(1, 40)
                  from movies in Gen.Choose(1, 500)
                  from seed in Gen.Choose(0, 10_000)
                  select (n, batch, users, movies, seed);
        Prop.ForAll(gen.ToArbitrary(), c =>
        {
            var rng = new SeededRandom(c.seed);
            var samples = new TrainingSamples(
                Enumerable.Range(0, c.n).Select(_ => rng.NextInt(c.users)).ToArray(),
                Enumerable.Range(0, c.n).Select(_ => rng.NextInt(c.movies)).ToArray(),
                Enumerable.Range(0, c.n).Select(_ => rng.NextSingle()).ToArray());
            var plan = new EpochPlan(samples, c.batch, c.users, c.movies);
            plan.Shuffle(rng);
            Assert.Equal((c.n + c.batch - 1) / c.batch, plan.BatchCount);
            for (int b = 0; b < plan.BatchCount; b++)
            {
                Check(plan.UserSegments, b, plan.Users.AsSpan(plan.BatchStart(b), plan.BatchLength(b)).ToArray());
                Check(plan.ItemSegments, b, plan.Items.AsSpan(plan.BatchStart(b), plan.BatchLength(b)).ToArray());
            }
            // The shuffled epoch holds exactly the original samples.
            var original = Enumerable.Range(0, c.n).Select(i => (samples.Users[i], samples.Items[i], samples.Targets[i])).Order().ToArray();
            var shuffled = Enumerable.Range(0, c.n).Select(i => (plan.Users[i], plan.Items[i], plan.Targets[i])).Order().ToArray();
            Assert.Equal(original, shuffled);
            return true;
        }).Check(Properties.Deterministic(100));
    }

    private static void Check(SegmentTable seg, int batch, int[] keys)
    {
        var rows = seg.RowsOf(batch).ToArray();
        var offsets = seg.OffsetsOf(batch).ToArray();
        var samples = seg.SamplesOf(batch, keys.Length).ToArray();
        Assert.Equal(keys.Distinct().Order().ToArray(), rows);
        Assert.Equal(0, offsets[0]);
        Assert.Equal(keys.Length, offsets[^1]);
        Assert.Equal(Enumerable.Range(0, keys.Length).ToArray(), samples.Order().ToArray());
        var segmentOf = seg.SegmentOf.AsSpan(seg.RowStart(batch), keys.Length).ToArray();
        for (int k = 0; k < rows.Length; k++)
        {
            var seg_k = samples[offsets[k]..offsets[k + 1]];
            Assert.All(seg_k, s => Assert.Equal(k, segmentOf[s]));
            Assert.NotEmpty(seg_k);
            Assert.All(seg_k, s => Assert.Equal(rows[k], keys[s]));
            Assert.Equal(seg_k.Order().ToArray(), seg_k); // ascending positions: a fixed summation order
        }
    }

    [Fact]
    public void CountingSortAndComparisonSortGiveTheSameSegments()
    {
        var rng = new SeededRandom(5);
        var keys = Enumerable.Range(0, 500).Select(_ => rng.NextInt(37)).ToArray();
        int[] r1 = new int[500], o1 = new int[501], s1 = new int[500], r2 = new int[500], o2 = new int[501], s2 = new int[500];
        int k1 = SegmentTable.BuildBySorting(keys, r1, o1, s1);
        int k2 = SegmentTable.BuildByCounting(keys, 37, new int[38], r2, o2, s2);
        Assert.Equal(k1, k2);
        Assert.Equal(r1[..k1], r2[..k2]);
        Assert.Equal(o1[..(k1 + 1)], o2[..(k2 + 1)]);
        Assert.Equal(s1, s2);
    }

    [Fact]
    public void TheSameSeedGivesTheSameOrder()
    {
        var samples = new TrainingSamples(Enumerable.Range(0, 50).ToArray(), Enumerable.Range(0, 50).ToArray(), new float[50]);
        var a = new EpochPlan(samples, 8, 50, 50);
        var b = new EpochPlan(samples, 8, 50, 50);
        a.Shuffle(SeededRandom.For(1, "epoch:1"));
        b.Shuffle(SeededRandom.For(1, "epoch:1"));
        Assert.Equal(a.Users, b.Users);
        b.Shuffle(SeededRandom.For(1, "epoch:2"));
        Assert.NotEqual(a.Users, b.Users);
    }
}
