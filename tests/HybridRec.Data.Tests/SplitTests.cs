using FsCheck;
using FsCheck.Xunit;

namespace HybridRec.Data.Tests;

public class SplitTests
{
    /// <summary>A table whose stars encode the position, so rows can be traced back.</summary>
    private static RatingTable Table(int n)
    {
        var users = new int[n];
        var movies = new int[n];
        var stars = new float[n];
        for (int i = 0; i < n; i++)
        {
            users[i] = i % 7;
            movies[i] = i % 11;
            stars[i] = i;
        }
        return new RatingTable(users, movies, stars);
    }

    [Property(MaxTest = 200)]
    public bool Train_and_test_partition_the_input_and_keep_its_order(NonNegativeInt size, byte fractionPercent, long seed)
    {
        int n = size.Get % 500;
        double fraction = (fractionPercent % 101) / 100.0;
        var table = Table(n);
        var split = RatingSplits.Random(table, fraction, seed);

        var all = split.Train.Stars.ToArray().Concat(split.Test.Stars.ToArray()).Select(s => (int)s).Order().ToArray();
        bool partition = all.SequenceEqual(Enumerable.Range(0, n));
        bool ordered = IsAscending(split.Train.Stars) && IsAscending(split.Test.Stars);
        bool exactSize = split.Test.Count == (int)Math.Round(fraction * n, MidpointRounding.AwayFromZero);
        bool rowsIntact = Rows(split.Train).Concat(Rows(split.Test)).All(r => r.User == r.Index % 7 && r.Movie == r.Index % 11);
        return partition && ordered && exactSize && rowsIntact;
    }

    [Property(MaxTest = 100)]
    public bool Same_seed_gives_the_same_split(PositiveInt size, long seed)
    {
        var table = Table(size.Get % 300 + 1);
        var a = RatingSplits.Random(table, 0.3, seed);
        var b = RatingSplits.Random(table, 0.3, seed);
        return a.Test.Stars.SequenceEqual(b.Test.Stars) && a.Train.Stars.SequenceEqual(b.Train.Stars) && a.Name == b.Name;
    }

    [Fact]
    public void Different_seeds_give_different_splits()
    {
        var table = Table(1000);
        var a = RatingSplits.Random(table, 0.2, seed: 1);
        var b = RatingSplits.Random(table, 0.2, seed: 2);
        Assert.Equal(200, a.Test.Count);
        Assert.Equal(200, b.Test.Count);
        Assert.NotEqual(a.Test.Stars.ToArray(), b.Test.Stars.ToArray());
    }

    [Fact]
    public void Default_split_is_80_20_with_seed_42_and_picks_from_the_whole_table()
    {
        var table = Table(1001);
        var split = RatingSplits.Random(table);
        Assert.Equal("random 80/20 (seed 42)", split.Name);
        Assert.Equal(200, split.Test.Count); // round(0.2 · 1001) = round(200.2)
        Assert.Equal(801, split.Train.Count);
        // A shuffle, not a prefix or suffix: test rows come from both halves.
        Assert.Contains(split.Test.Stars.ToArray(), s => s < 500);
        Assert.Contains(split.Test.Stars.ToArray(), s => s >= 500);
    }

    [Fact]
    public void Split_of_a_loaded_dataset_is_reproducible()
    {
        using var dir = Fixtures.CsvRelease();
        var ds = MovieLensLoader.Load(dir.Path);
        var a = RatingSplits.Random(ds.Ratings, 0.4, 7);
        var b = RatingSplits.Random(MovieLensLoader.Load(dir.Path).Ratings, 0.4, 7);
        Assert.Equal(2, a.Test.Count);
        Assert.Equal(a.Test.Users, b.Test.Users);
        Assert.Equal(a.Test.Items, b.Test.Items);
    }

    [Theory]
    [InlineData(-0.1)]
    [InlineData(1.5)]
    [InlineData(double.NaN)]
    public void Fraction_outside_0_1_is_rejected(double fraction)
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => RatingSplits.Random(Table(10), fraction));
    }

    private static bool IsAscending(ReadOnlySpan<float> values)
    {
        for (int i = 1; i < values.Length; i++)
        {
            if (values[i] <= values[i - 1]) return false;
        }
        return true;
    }

    private static IEnumerable<(int Index, int User, int Movie)> Rows(RatingTable t) =>
        Enumerable.Range(0, t.Count).Select(i => ((int)t.Stars[i], t.Users[i], t.Items[i]));
}
