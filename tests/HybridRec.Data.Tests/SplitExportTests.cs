namespace HybridRec.Data.Tests;

/// <summary><see cref="RatingSplitWriter"/>: the files' layout, the rating text, atomic replacement.</summary>
public sealed class SplitExportTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("hybridrec-split-export-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private static (RatingDataset Data, RatingSplit Split) Small()
    {
        var data = new RatingDatasetBuilder { Scale = RatingScale.HalfStars }
            .AddItem(300).AddItem(7).AddItem(42)
            .AddRating(5, 300, 3.5f).AddRating(5, 7, 4).AddRating(11, 42, 0.5f).AddRating(11, 300, 5).AddRating(2, 7, 1)
            .Build();
        // Users 2, 5, 11 → 0, 1, 2; items 7, 42, 300 → 0, 1, 2.
        var train = new RatingTable([1, 2, 0], [2, 1, 0], [3.5f, 0.5f, 1f]);
        var test = new RatingTable([2, 1], [2, 0], [5f, 4f]);
        return (data, new RatingSplit("hand-made", train, test));
    }

    [Fact]
    public void WritesRawIdsAndRatingsUnderMovieLensColumnNamesInTheSplitsOrder()
    {
        var (data, split) = Small();
        var (train, test) = RatingSplitWriter.Write(data, split, Path.Combine(_dir, "out"));
        Assert.Equal(Path.Combine(_dir, "out", "train.csv"), train);
        Assert.Equal("userId,movieId,rating\n5,300,3.5\n11,42,0.5\n2,7,1.0\n", File.ReadAllText(train));
        Assert.Equal("userId,movieId,rating\n11,300,5.0\n5,7,4.0\n", File.ReadAllText(test));
        Assert.Equal(["test.csv", "train.csv"], Directory.GetFiles(Path.Combine(_dir, "out")).Select(Path.GetFileName).Order());
    }

    [Fact]
    public void ExistingFilesAreReplacedWhole()
    {
        var (data, split) = Small();
        string dir = Path.Combine(_dir, "again");
        Directory.CreateDirectory(dir);
        File.WriteAllText(Path.Combine(dir, "train.csv"), new string('x', 10_000));
        RatingSplitWriter.Write(data, split, dir);
        Assert.StartsWith("userId,movieId,rating\n5,300,3.5\n", File.ReadAllText(Path.Combine(dir, "train.csv")));
        Assert.Equal(2, Directory.GetFiles(dir).Length); // no temporary file left behind
    }

    [Theory]
    [InlineData(4f, "4.0")]
    [InlineData(3.5f, "3.5")]
    [InlineData(0.5f, "0.5")]
    [InlineData(10f, "10.0")]
    [InlineData(2.25f, "2.25")]
    [InlineData(-1f, "-1.0")]
    public void RatingsAreWrittenAsTheShortestTextWithADecimal(float rating, string text)
    {
        Assert.Equal(text, RatingSplitWriter.FormatRating(rating));
        Assert.Equal(rating, float.Parse(text, System.Globalization.CultureInfo.InvariantCulture));
    }
}
