namespace HybridRec.Data.Tests;

public class DuplicateAndLimitTests
{
    private const string Header = "userId,movieId,rating,timestamp\n";

    // user 1 rates movie 2 on lines 3 and 5; user 2 rates movie 1 on lines 4 and 7 (and again on 8).
    private const string WithDuplicates = Header +
        "1,1,4.0,1\n" +   // line 2
        "1,2,1.0,2\n" +   // line 3 (superseded by line 5)
        "2,1,2.0,3\n" +   // line 4 (superseded by line 7)
        "1,2,3.0,4\n" +   // line 5
        "7,3,5.0,5\n" +   // line 6
        "2,1,2.5,6\n" +   // line 7 (superseded by line 8)
        "2,1,4.5,7\n";    // line 8

    [Fact]
    public void KeepLast_keeps_the_later_rating_counts_and_warns()
    {
        using var dir = Fixtures.MinimalCsv(WithDuplicates);
        var ds = MovieLensLoader.Load(dir.Path);
        Assert.Equal(7, ds.Report.RatingsRead);
        Assert.Equal(3, ds.Report.DuplicateRatings);
        Assert.Equal(4, ds.Report.RatingsKept);
        Assert.Equal(4, ds.Ratings.Count);

        // Kept in file order: lines 2, 5, 6, 8.
        Assert.Equal([4.0f, 3.0f, 5.0f, 4.5f], ds.Ratings.Stars);
        Assert.Equal([1, 1, 7, 2], ds.Ratings.Users.ToArray().Select(ds.Users.GetRawId));
        Assert.Equal([1, 2, 3, 1], ds.Ratings.Items.ToArray().Select(ds.Items.GetRawId));
        Assert.Contains(ds.Report.Warnings, w => w.Contains("3 duplicate") && w.Contains("line 3") && w.Contains("kept the last"));
    }

    [Fact]
    public void Error_policy_names_both_lines()
    {
        using var dir = Fixtures.MinimalCsv(WithDuplicates);
        var e = Assert.Throws<DatasetFormatException>(() =>
            MovieLensLoader.Load(dir.Path, new MovieLensLoadOptions { Duplicates = DuplicateRatingPolicy.Error }));
        Assert.Equal(dir.File("ratings.csv"), e.File);
        Assert.Equal("userId,movieId", e.Field);
        // Users are checked in first-seen order: user 1's duplicate (lines 3 and 5) is found first.
        Assert.Equal(5, e.Line);
        Assert.Equal("1,2", e.Text);
        Assert.Contains("lines 3 and 5", e.Problem);
    }

    [Fact]
    public void Duplicates_are_found_when_users_are_grouped_too()
    {
        using var dir = Fixtures.MinimalCsv(Header + "1,1,4.0,1\n1,2,1.0,2\n1,1,2.0,3\n2,1,3.0,4\n2,2,3.0,5\n");
        var ds = MovieLensLoader.Load(dir.Path);
        Assert.Equal(1, ds.Report.DuplicateRatings);
        Assert.Equal([1.0f, 2.0f, 3.0f, 3.0f], ds.Ratings.Stars);
    }

    [Fact]
    public void Duplicates_in_dat_files_name_dat_lines()
    {
        using var dir = Fixtures.Ml1m().Text("ratings.dat", "1::1::5::1\n\n1::1::4::2\n");
        var e = Assert.Throws<DatasetFormatException>(() =>
            MovieLensLoader.Load(dir.Path, new MovieLensLoadOptions { Duplicates = DuplicateRatingPolicy.Error }));
        Assert.Equal(dir.File("ratings.dat"), e.File);
        Assert.Equal(3, e.Line);
        Assert.Contains("lines 1 and 3", e.Problem);
    }

    [Fact]
    public void MaxRatings_keeps_the_first_lines_and_counts_the_rest_exactly()
    {
        using var dir = Fixtures.MinimalCsv(Header + "1,1,4.0,1\n2,2,3.0,2\n\n3,3,2.0,3\n4,5,1.0,4\n9,9,bad,5\n\n");
        var ds = MovieLensLoader.Load(dir.Path, new MovieLensLoadOptions { MaxRatings = 2 });
        Assert.Equal(2, ds.Report.RatingsRead);
        Assert.Equal(2, ds.Report.RatingsKept);
        Assert.Equal(3, ds.Report.RatingsSkippedByLimit); // lines past the limit are counted, not parsed
        Assert.Equal(2, ds.Report.BlankLinesSkipped);
        Assert.Equal([1, 2], ds.Users.RawIds.ToArray()); // users only from kept ratings
        Assert.Equal(5, ds.Items.Count); // every listed movie keeps an index
        Assert.Equal(3, ds.Report.ItemsWithoutRatings);
        Assert.Contains(ds.Report.Warnings, w => w.Contains("MaxRatings"));
    }

    [Theory]
    [InlineData(1, 1, 3)]
    [InlineData(3, 3, 1)]
    [InlineData(4, 4, 0)]
    [InlineData(100, 4, 0)]
    public void MaxRatings_counts_in_every_layout(int max, int kept, int skipped)
    {
        using var dat = Fixtures.Ml1m();
        using var k100 = Fixtures.Ml100k();
        using var csv = Fixtures.MinimalCsv(Header + "1,1,4.0,1\n1,2,4.0,1\n2,3,4.0,1\n3,5,4.0,1\n");
        foreach (var path in new[] { dat.Path, k100.Path, csv.Path })
        {
            var ds = MovieLensLoader.Load(path, new MovieLensLoadOptions { MaxRatings = max });
            Assert.Equal(kept, ds.Ratings.Count);
            Assert.Equal(kept, ds.Report.RatingsRead);
            Assert.Equal(skipped, ds.Report.RatingsSkippedByLimit);
        }
    }

    [Fact]
    public void Negative_options_and_no_ratings_at_all_are_rejected()
    {
        using var dir = Fixtures.CsvRelease();
        Assert.Throws<ArgumentOutOfRangeException>(() => MovieLensLoader.Load(dir.Path, new MovieLensLoadOptions { MaxRatings = -1 }));
        Assert.Throws<ArgumentOutOfRangeException>(() => MovieLensLoader.Load(dir.Path, new MovieLensLoadOptions { MaxRatings = 0 }));
        Assert.Throws<ArgumentOutOfRangeException>(() => MovieLensLoader.Load(dir.Path, new MovieLensLoadOptions { MinTagCount = -1 }));
    }
}
