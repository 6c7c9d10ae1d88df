using FsCheck;
using FsCheck.Xunit;
using HybridRec.Data.Synthetic;
using Xunit;

namespace HybridRec.Data.Tests.Synthetic;

public sealed class SamplingTests
{
    [Property(MaxTest = 300)]
    public bool Allocation_is_exact_and_within_bounds(PositiveInt itemCount, NonNegativeInt minimum, NonNegativeInt room, int seed, NonNegativeInt sigmaTenths)
    {
        int n = Math.Min(itemCount.Get, 200);
        int min = Math.Min(minimum.Get, 50);
        int max = min + Math.Min(room.Get, 500);
        var rng = new SeededRandom(seed);
        long total = (long)n * min + (long)(rng.NextDouble() * ((long)n * (max - min) + 1));
        total = Math.Min(total, (long)n * max);
        var weights = UserActivity.LogNormalWeights(rng, n, Math.Min(sigmaTenths.Get, 40) / 10.0);
        int[] counts = ExactAllocation.Allocate(weights, total, min, max);
        return counts.Sum(c => (long)c) == total && counts.All(c => c >= min && c <= max);
    }

    [Fact]
    public void Allocation_is_proportional_when_uncapped_and_water_fills_when_capped()
    {
        Assert.Equal([1 + 10, 1 + 20, 1 + 30], ExactAllocation.Allocate([1.0, 2.0, 3.0], 63, 1, 100));
        Assert.Equal([11, 20, 20], ExactAllocation.Allocate([1.0, 8.0, 8.0], 51, 1, 20)); // the big two hit the cap
        Assert.Equal([4, 4, 4], ExactAllocation.Allocate([5.0, 1.0, 3.0], 12, 4, 9));
        Assert.Throws<ArgumentOutOfRangeException>(() => ExactAllocation.Allocate([1.0, 1.0], 41, 0, 20));
    }

    [Fact]
    public void Alias_table_draws_in_proportion_to_weights()
    {
        long[] weights = [1, 0, 3, 6];
        var table = new AliasTable(weights);
        var rng = new SeededRandom(9);
        var counts = new int[4];
        const int draws = 200_000;
        for (int i = 0; i < draws; i++) counts[table.Sample(rng)]++;
        Assert.Equal(0, counts[1]);
        for (int i = 0; i < 4; i++) Assert.Equal(weights[i] / 10.0, counts[i] / (double)draws, 0.01);
    }

    [Fact]
    public void Fenwick_find_maps_cumulative_ranges_to_indices_skipping_zero_weights()
    {
        var tree = new FenwickSampler([2, 0, 3, 1, 0]);
        Assert.Equal(6, tree.Total);
        int[] expected = [0, 0, 2, 2, 2, 3];
        for (int t = 0; t < 6; t++) Assert.Equal(expected[t], tree.Find(t));
        tree.Add(2, -3);
        Assert.Equal(3, tree.Total);
        Assert.Equal(3, tree.Find(2));
    }

    [Theory]
    [InlineData(1)]
    [InlineData(50)]
    [InlineData(499)]
    [InlineData(500)]
    public void Distinct_sampler_draws_distinct_items_even_from_a_very_skewed_catalogue(int k)
    {
        // Weights 2^40 … 1: rejection sampling stalls quickly, so the sampler must switch to its tree.
        long[] weights = [.. Enumerable.Range(0, 500).Select(i => Math.Max(1L, (1L << 40) >> (i / 10)))];
        var alias = new AliasTable(weights);
        var tree = new FenwickSampler(weights);
        var sampler = new DistinctSampler(weights, alias, tree);
        var result = new int[k];
        for (int round = 0; round < 5; round++)
        {
            sampler.Sample(new SeededRandom(round), result);
            Assert.Equal(k, result.Distinct().Count());
            Assert.All(result, i => Assert.InRange(i, 0, 499));
        }
        // The same stream gives the same sample, whatever the sampler did before (its tree is restored exactly).
        var again = new int[k];
        new DistinctSampler(weights, alias, tree).Sample(new SeededRandom(4), again);
        Assert.Equal(result, again);
    }

    [Fact]
    public void Distinct_sampler_prefers_heavy_items()
    {
        long[] weights = [.. Enumerable.Range(0, 100).Select(i => i < 10 ? 1000L : 1L)];
        var sampler = new DistinctSampler(weights, new AliasTable(weights), new FenwickSampler(weights));
        var hits = new int[100];
        var result = new int[5];
        var rng = new SeededRandom(1);
        for (int round = 0; round < 2_000; round++)
        {
            sampler.Sample(rng, result);
            foreach (int i in result) hits[i]++;
        }
        Assert.True(hits.Take(10).Sum() > 0.95 * 5 * 2_000, "heavy items should dominate");
    }

    [Theory]
    [InlineData(1)]
    [InlineData(1000)]
    [InlineData(5000)]
    public void Tag_vocabulary_words_are_distinct_and_csv_safe(int size)
    {
        var vocabulary = TagVocabulary.Create(new SyntheticOptions { TagVocabulary = size });
        Assert.Equal(size, vocabulary.Count);
        Assert.Equal(size, vocabulary.Words.Distinct(StringComparer.Ordinal).Count());
        Assert.All(vocabulary.Words, w => Assert.Matches(@"^[a-z0-9][a-z0-9 \-]*[a-z0-9]$", w));
        Assert.All(vocabulary.HomeGenre, g => Assert.InRange(g, -1, GenreTable.Count - 1));
        Assert.True(vocabulary.Weights[0] >= vocabulary.Weights[^1]);
    }
}
