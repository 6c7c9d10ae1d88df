using HybridRec.Data.Synthetic;
using Xunit;

namespace HybridRec.Data.Tests.Synthetic;

public sealed class SyntheticDeterminismTests
{
    private static readonly SyntheticOptions Small = new() { Users = 300, Movies = 500, Ratings = 12_000, Seed = 11 };

    [Fact]
    public void Same_options_give_byte_identical_files()
    {
        using var a = new TempDirectory();
        using var b = new TempDirectory();
        SyntheticCsv.Generate(Small, a.Path);
        SyntheticCsv.Generate(Small, b.Path);
        AssertSameFiles(a, b);
    }

    [Fact]
    public void Thread_count_does_not_change_the_files()
    {
        // Enough ratings for several blocks, so that threads really interleave.
        var options = Small with { Users = 2_000, Ratings = 200_000, TagApplications = 140_000 };
        using var a = new TempDirectory();
        using var b = new TempDirectory();
        SyntheticCsv.Generate(options with { MaxDegreeOfParallelism = 1 }, a.Path);
        SyntheticCsv.Generate(options with { MaxDegreeOfParallelism = 4 }, b.Path);
        AssertSameFiles(a, b);
    }

    [Fact]
    public void Different_seeds_give_different_data()
    {
        using var a = new TempDirectory();
        using var b = new TempDirectory();
        SyntheticCsv.Generate(Small, a.Path);
        SyntheticCsv.Generate(Small with { Seed = 12 }, b.Path);
        foreach (string name in new[] { "ratings.csv", "movies.csv", "tags.csv" })
            Assert.False(File.ReadAllBytes(a.File(name)).AsSpan().SequenceEqual(File.ReadAllBytes(b.File(name))), $"{name} did not change with the seed");
        // Same shape all the same.
        Assert.Equal(File.ReadAllLines(a.File("ratings.csv")).Length, File.ReadAllLines(b.File("ratings.csv")).Length);
    }

    [Fact]
    public void Summary_matches_the_files()
    {
        using var dir = new TempDirectory();
        var summary = SyntheticCsv.Generate(Small, dir.Path);
        Assert.Equal(SyntheticMovieLens.FileNames, summary.Files.Select(f => f.Name));
        foreach (var f in summary.Files)
        {
            Assert.Equal(new FileInfo(dir.File(f.Name)).Length, f.Bytes);
            Assert.Equal(File.ReadAllLines(dir.File(f.Name)).Length, f.Lines);
        }
        Assert.Equal(summary.Files.Sum(f => f.Bytes), summary.BytesWritten);
        Assert.Equal(Small.Ratings, summary.Ratings);
        Assert.Equal(Small.TagApplications, summary.TagApplications);
        Assert.Equal(Small.Users, summary.Users);
        Assert.Equal(Small.Movies, summary.Movies);
        Assert.Equal(Small.Ratings, summary.RatingHistogram.Sum());
        Assert.Empty(summary.OtherFiles);
        Assert.True(summary.Elapsed > TimeSpan.Zero);
        Assert.Contains("ratings.csv", summary.ToString());
    }

    private static void AssertSameFiles(TempDirectory a, TempDirectory b)
    {
        var names = Directory.GetFiles(a.Path).Select(Path.GetFileName).Order(StringComparer.Ordinal).ToArray();
        Assert.Equal(SyntheticMovieLens.FileNames.Order(StringComparer.Ordinal), names);
        Assert.Equal(names, Directory.GetFiles(b.Path).Select(Path.GetFileName).Order(StringComparer.Ordinal));
        foreach (string? name in names)
            Assert.True(File.ReadAllBytes(a.File(name!)).AsSpan().SequenceEqual(File.ReadAllBytes(b.File(name!))), $"{name} differs");
    }
}
