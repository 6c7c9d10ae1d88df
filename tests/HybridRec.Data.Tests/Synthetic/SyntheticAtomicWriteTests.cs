using HybridRec.Data.Synthetic;
using Xunit;

namespace HybridRec.Data.Tests.Synthetic;

public sealed class SyntheticAtomicWriteTests
{
    private static readonly SyntheticOptions Small = new() { Users = 400, Movies = 300, Ratings = 20_000, Seed = 2 };

    [Fact]
    public void An_existing_release_is_overwritten_file_by_file_and_other_files_are_left_alone()
    {
        using var dir = new TempDirectory();
        File.WriteAllText(dir.File("ratings.csv"), "userId,movieId,rating,timestamp\n1,1,5.0,1\n");
        File.WriteAllText(dir.File("movies.csv"), "movieId,title,genres\n1,Real Movie (1999),Drama\n");
        File.WriteAllText(dir.File("genome-scores.csv"), "movieId,tagId,relevance\n");

        var summary = SyntheticCsv.Generate(Small, dir.Path);

        Assert.Equal(Small.Ratings + 1, File.ReadAllLines(dir.File("ratings.csv")).Length);
        Assert.Equal(Small.Movies + 1, File.ReadAllLines(dir.File("movies.csv")).Length);
        Assert.Equal("movieId,tagId,relevance\n", File.ReadAllText(dir.File("genome-scores.csv")));
        Assert.Equal(["genome-scores.csv"], summary.OtherFiles);
        AssertNoTemporaryFiles(dir);
    }

    [Fact]
    public void Cancellation_leaves_the_previous_files_and_no_temporary_files()
    {
        using var dir = new TempDirectory();
        const string old = "userId,movieId,rating,timestamp\n1,1,5.0,1\n";
        File.WriteAllText(dir.File("ratings.csv"), old);
        using var cts = CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken);
        var progress = new InlineProgress(p =>
        {
            if (p.Phase == SyntheticPhase.Ratings && p.Fraction > 0) cts.Cancel();
        });

        Assert.ThrowsAny<OperationCanceledException>(() =>
            SyntheticMovieLens.Write(Small with { MaxDegreeOfParallelism = 2, Ratings = 100_000 }, dir.Path, progress, cts.Token));

        Assert.Equal(old, File.ReadAllText(dir.File("ratings.csv")));
        Assert.Equal(["ratings.csv"], Directory.GetFiles(dir.Path).Select(Path.GetFileName));
    }

    [Fact]
    public void A_failure_midway_leaves_no_file_under_a_final_name()
    {
        using var dir = new TempDirectory();
        var progress = new InlineProgress(p =>
        {
            if (p.Phase == SyntheticPhase.Tags) throw new IOException("disk full (simulated)");
        });
        var e = Assert.Throws<IOException>(() => SyntheticCsv.Generate(Small, dir.Path, progress));
        Assert.Contains("simulated", e.Message);
        Assert.Empty(Directory.GetFiles(dir.Path));
    }

    [Fact]
    public void Progress_reports_every_phase_in_order_and_ends_complete()
    {
        using var dir = new TempDirectory();
        var seen = new List<SyntheticProgress>();
        SyntheticCsv.Generate(Small, dir.Path, new InlineProgress(seen.Add));
        Assert.Equal(Enum.GetValues<SyntheticPhase>(), seen.Select(p => p.Phase).Distinct());
        Assert.All(seen, p => Assert.InRange(p.Fraction, 0, 1));
        Assert.Equal(new SyntheticProgress(SyntheticPhase.Commit, 1), seen[^1]);
        Assert.Contains(seen, p => p.Phase == SyntheticPhase.Ratings && p.Fraction == 1);
    }

    [Fact]
    public void A_missing_directory_is_created()
    {
        using var dir = new TempDirectory();
        string nested = Path.Combine(dir.Path, "a", "b");
        SyntheticCsv.Generate(Small with { Ratings = 8_000 }, nested);
        Assert.True(File.Exists(Path.Combine(nested, "README.txt")));
    }

    private static void AssertNoTemporaryFiles(TempDirectory dir) =>
        Assert.DoesNotContain(Directory.GetFiles(dir.Path), f => f.EndsWith(".tmp", StringComparison.Ordinal));

    /// <summary>Reports synchronously on the calling thread (unlike <see cref="Progress{T}"/>).</summary>
    private sealed class InlineProgress(Action<SyntheticProgress> report) : IProgress<SyntheticProgress>
    {
        public void Report(SyntheticProgress value) => report(value);
    }
}
