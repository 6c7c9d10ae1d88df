using System.Text;

namespace HybridRec.Data.Tests;

public class CsvReleaseTests
{
    private static readonly MovieLensLoadOptions AllTags = new() { MinTagCount = 1 };

    [Fact]
    public void Loads_movies_ratings_and_maps_ids_in_ascending_raw_order()
    {
        using var dir = Fixtures.CsvRelease();
        var ds = MovieLensLoader.Load(dir.Path, AllTags);

        Assert.Equal(DatasetFormats.MovieLensCsv, ds.Format);
        Assert.Equal(RatingScale.HalfStars, ds.Scale);
        Assert.Equal("release", ds.Name);
        Assert.Equal(dir.Path, ds.Source);
        Assert.Equal([1, 2, 7], ds.Users.RawIds.ToArray());
        Assert.Equal([1, 2, 3, 5, 10], ds.Items.RawIds.ToArray());
        Assert.Equal(5, ds.Ratings.Count);

        // Ratings in file order, as indices.
        Assert.Equal([2, 0, 0, 1, 1], ds.Ratings.Users);
        Assert.Equal([3, 0, 1, 0, 2], ds.Ratings.Items);
        Assert.Equal([2.0f, 4.0f, 5.0f, 0.5f, 3.5f], ds.Ratings.Stars);
    }

    [Fact]
    public void Titles_keep_quoted_commas_and_doubled_quotes()
    {
        using var dir = Fixtures.CsvRelease();
        var ds = MovieLensLoader.Load(dir.Path);
        Assert.Equal("Shawshank Redemption, The (1994)", ds.NameOf(2));
        Assert.Equal("Movie \"Quoted\", With Comma (2000)", ds.NameOf(3));
        Assert.Equal("Toy Story (1995)", ds.ItemNames[ds.Items.GetIndex(1)]);
        Assert.Equal(ds.Items.Count, ds.ItemNames.Count);
    }

    [Fact]
    public void Genres_are_multi_hot_with_an_ordinal_vocabulary_including_no_genres_listed()
    {
        using var dir = Fixtures.CsvRelease();
        var ds = MovieLensLoader.Load(dir.Path);
        string[] expected = ["(no genres listed)", "Action", "Adventure", "Animation", "Children", "Comedy", "Crime", "Drama", "Fantasy", "IMAX"];
        Assert.Equal(expected, ds.ItemFeatures["genres"].Values.Vocabulary);
        Assert.Equal(ds.Items.Count, ds.ItemFeatures["genres"].Values.Rows);
        Assert.Equal(10, ds.Report.Genres);

        string[] Names(int movieId) => ds.ItemFeatures["genres"].Values.Row(ds.Items.GetIndex(movieId)).ToArray().Select(j => ds.ItemFeatures["genres"].Values.Vocabulary[j]).ToArray();
        Assert.Equal(["Adventure", "Animation", "Children", "Comedy", "Fantasy"], Names(1));
        Assert.Equal(["(no genres listed)"], Names(5));
        Assert.Equal(["Action", "IMAX"], Names(10));
    }

    [Fact]
    public void Report_counts_everything()
    {
        using var dir = Fixtures.CsvRelease();
        var ds = MovieLensLoader.Load(dir.Path, AllTags);
        var r = ds.Report;
        Assert.Equal(5, r.RatingsRead);
        Assert.Equal(5, r.RatingsKept);
        Assert.Equal(0, r.DuplicateRatings);
        Assert.Equal(0, r.RatingsSkippedByLimit);
        Assert.Equal(5, r.ItemsRead);
        Assert.Equal(1, r.ItemsWithoutRatings); // movie 10
        Assert.Equal(3, r.Users);
        Assert.Equal(5, r.LinksRead);
        Assert.Equal(7, r.TagApplicationsRead);
        Assert.Equal(0, r.BlankLinesSkipped);
        Assert.Equal(4, r.FilesRead.Count);
        Assert.Contains(dir.File("ratings.csv"), r.FilesRead);
        Assert.Empty(r.OtherFiles);
        Assert.True(r.LoadTime > TimeSpan.Zero);
        Assert.Contains("CSV", r.Release);
        Assert.Contains("ratings: 5 read", r.ToString());
    }

    [Fact]
    public void Crlf_line_ends_read_the_same_as_lf()
    {
        using var lf = Fixtures.CsvRelease();
        using var crlf = Fixtures.CsvRelease("\r\n");
        var a = MovieLensLoader.Load(lf.Path, AllTags);
        var b = MovieLensLoader.Load(crlf.Path, AllTags);
        Assert.Equal(a.Ratings.Stars, b.Ratings.Stars);
        Assert.Equal(a.ItemNames, b.ItemNames);
        Assert.Equal(a.ItemFeatures["tags"].Values.Vocabulary, b.ItemFeatures["tags"].Values.Vocabulary);
        Assert.Equal(a.ItemFeatures["tags"].Values.Indices, b.ItemFeatures["tags"].Values.Indices);
        Assert.Equal("Shawshank Redemption, The (1994)", b.NameOf(2));
    }

    [Fact]
    public void Utf8_bom_is_skipped_and_header_still_matches()
    {
        var bom = Encoding.UTF8.GetPreamble();
        using var dir = new TempDir()
            .Bytes("movies.csv", [.. bom, .. Encoding.UTF8.GetBytes("movieId,title,genres\n1,Amélie (2001),Comedy|Romance\n")])
            .Bytes("ratings.csv", [.. bom, .. Encoding.UTF8.GetBytes("userId,movieId,rating,timestamp\n1,1,4.5,1\n")]);
        var ds = MovieLensLoader.Load(dir.Path);
        Assert.Equal("Amélie (2001)", ds.NameOf(1));
        Assert.Equal([4.5f], ds.Ratings.Stars);
    }

    [Fact]
    public void Blank_trailing_lines_and_a_last_line_without_newline_are_handled_and_counted()
    {
        using var dir = Fixtures.MinimalCsv(
            "userId,movieId,rating,timestamp\r\n1,1,4.0,1\r\n\r\n2,2,3.0,2\r\n\r\n   \r\n",
            "movieId,title,genres\n1,A (1990),Drama\n2,B (1991),Comedy");
        var ds = MovieLensLoader.Load(dir.Path);
        Assert.Equal(2, ds.Ratings.Count);
        Assert.Equal(2, ds.Items.Count);
        Assert.Equal(3, ds.Report.BlankLinesSkipped);
        Assert.Contains(ds.Report.Warnings, w => w.Contains("ratings.csv") && w.Contains("3 blank lines"));
    }

    [Fact]
    public void Timestamp_column_is_optional_in_the_header()
    {
        using var dir = Fixtures.MinimalCsv("userId,movieId,rating\n1,1,4.0\n2,2,1.5\n");
        var ds = MovieLensLoader.Load(dir.Path);
        Assert.Equal([4.0f, 1.5f], ds.Ratings.Stars);
    }

    [Fact]
    public void Ratings_normalise_with_the_scale()
    {
        using var dir = Fixtures.CsvRelease();
        var ds = MovieLensLoader.Load(dir.Path);
        var normalized = ds.Ratings.Stars.ToArray().Select(ds.Scale.Normalize).ToArray();
        Assert.Equal([1.5f / 4.5f, 3.5f / 4.5f, 1f, 0f, 3f / 4.5f], normalized, new FloatComparer(1e-6f));
        Assert.All(normalized, v => Assert.InRange(v, 0f, 1f));
        Assert.Equal(2.0f, ds.Scale.Denormalize(normalized[0]), 1e-6f);
    }

    [Fact]
    public void Genome_and_other_files_are_listed_with_line_counts_but_not_loaded()
    {
        using var dir = Fixtures.CsvRelease()
            .Text("genome-tags.csv", "tagId,tag\n1,007\n2,007 (series)\n")
            .Text("genome-scores.csv", "movieId,tagId,relevance\n1,1,0.02\n1,2,0.03\n2,1,0.5\n2,2,0.1")
            .Text("README.txt", "hello\n");
        var ds = MovieLensLoader.Load(dir.Path);
        Assert.Contains($"{dir.File("genome-tags.csv")} (3 lines)", ds.Report.OtherFiles);
        Assert.Contains($"{dir.File("genome-scores.csv")} (5 lines)", ds.Report.OtherFiles);
        Assert.Contains($"{dir.File("README.txt")} (1 line)", ds.Report.OtherFiles);
        Assert.DoesNotContain(ds.Report.FilesRead, f => f.Contains("genome"));
    }

    [Fact]
    public void Release_without_tags_has_an_empty_tag_matrix_and_a_warning()
    {
        using var dir = Fixtures.MinimalCsv(Fixtures.CsvRatings);
        var ds = MovieLensLoader.Load(dir.Path);
        Assert.Equal(0, ds.ItemFeatures["tags"].Values.Columns);
        Assert.Equal(ds.Items.Count, ds.ItemFeatures["tags"].Values.Rows);
        Assert.Contains(ds.Report.Warnings, w => w.Contains("no tag file"));
    }

    [Fact]
    public void Empty_and_repeated_genre_names_are_skipped_counted_and_warned()
    {
        using var dir = Fixtures.MinimalCsv("userId,movieId,rating\n1,1,4.0\n",
            "movieId,title,genres\n1,A (1990),Drama||War|Drama\n2,B (1991),\n");
        var ds = MovieLensLoader.Load(dir.Path);
        Assert.Equal(["Drama", "War"], ds.ItemFeatures["genres"].Values.Vocabulary);
        Assert.Equal([0, 1], ds.ItemFeatures["genres"].Values.Row(ds.Items.GetIndex(1)).ToArray());
        Assert.Empty(ds.ItemFeatures["genres"].Values.Row(ds.Items.GetIndex(2)).ToArray());
        Assert.Equal(2, ds.Report.GenreEntriesSkipped);
        Assert.Contains(ds.Report.Warnings, w => w.Contains("2 empty or repeated genre names"));
        Assert.Contains(ds.Report.Warnings, w => w.Contains("1 movies have an empty genre list"));
    }

    [Fact]
    public void Large_and_negative_ids_map_in_ascending_order()
    {
        using var dir = Fixtures.MinimalCsv("userId,movieId,rating\n40000000,2000000000,4.0\n-5,1,3.0\n3,2000000000,2.0\n40000000,1,1.0\n",
            "movieId,title,genres\n2000000000,Big (2000),Drama\n1,Small (1990),Drama\n");
        var ds = MovieLensLoader.Load(dir.Path);
        Assert.Equal([-5, 3, 40000000], ds.Users.RawIds.ToArray());
        Assert.Equal([1, 2000000000], ds.Items.RawIds.ToArray());
        Assert.Equal([2, 0, 1, 2], ds.Ratings.Users);
        Assert.Equal([1, 0, 1, 0], ds.Ratings.Items);
        Assert.Equal("Big (2000)", ds.NameOf(2000000000));
    }

    private sealed class FloatComparer(float tolerance) : IEqualityComparer<float>
    {
        public bool Equals(float x, float y) => MathF.Abs(x - y) <= tolerance;
        public int GetHashCode(float obj) => 0;
    }
}
