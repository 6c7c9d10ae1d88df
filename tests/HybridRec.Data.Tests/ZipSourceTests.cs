namespace HybridRec.Data.Tests;

public class ZipSourceTests
{
    private static readonly MovieLensLoadOptions AllTags = new() { MinTagCount = 1 };

    [Fact]
    public void Zip_with_a_top_folder_loads_like_the_directory()
    {
        using var dir = Fixtures.CsvRelease();
        string zip = dir.Zip("ml-fixture.zip", "ml-fixture");
        var fromDir = MovieLensLoader.Load(dir.Path, AllTags);
        var fromZip = MovieLensLoader.Load(zip, AllTags);

        Assert.Equal("ml-fixture", fromZip.Name);
        Assert.Equal(zip, fromZip.Source);
        Assert.Equal(fromDir.Ratings.Users, fromZip.Ratings.Users);
        Assert.Equal(fromDir.Ratings.Items, fromZip.Ratings.Items);
        Assert.Equal(fromDir.Ratings.Stars, fromZip.Ratings.Stars);
        Assert.Equal(fromDir.ItemNames, fromZip.ItemNames);
        Assert.Equal(fromDir.ItemFeatures["genres"].Values.Indices, fromZip.ItemFeatures["genres"].Values.Indices);
        Assert.Equal(fromDir.ItemFeatures["tags"].Values.Vocabulary, fromZip.ItemFeatures["tags"].Values.Vocabulary);
        Assert.Contains($"{zip}!ml-fixture/ratings.csv", fromZip.Report.FilesRead);
    }

    [Fact]
    public void Zip_with_files_at_the_root_loads()
    {
        using var dir = Fixtures.CsvRelease();
        string zip = dir.Zip("flat.zip", topFolder: null);
        var ds = MovieLensLoader.Load(zip);
        Assert.Equal(5, ds.Ratings.Count);
        Assert.Contains($"{zip}!movies.csv", ds.Report.FilesRead);
    }

    [Fact]
    public void Zip_stream_loads_and_names_entries_after_the_source_name()
    {
        using var dir = Fixtures.CsvRelease();
        string zip = dir.Zip("ml-fixture.zip", "ml-fixture");
        using var stream = new MemoryStream(File.ReadAllBytes(zip));
        var ds = MovieLensLoader.Load(stream, "embedded/ml-fixture.zip", AllTags);
        Assert.Equal("ml-fixture", ds.Name);
        Assert.Equal("embedded/ml-fixture.zip", ds.Source);
        Assert.Equal(5, ds.Ratings.Count);
        Assert.Contains("embedded/ml-fixture.zip!ml-fixture/tags.csv", ds.Report.FilesRead);
        Assert.True(stream.CanRead); // left open
    }

    [Fact]
    public void Errors_inside_a_zip_name_the_archive_and_entry()
    {
        using var dir = Fixtures.MinimalCsv("userId,movieId,rating,timestamp\n1,1,4.0,1\n1,2,x,2\n");
        string zip = dir.Zip("bad.zip", "ml-bad");
        var e = Assert.Throws<DatasetFormatException>(() => MovieLensLoader.Load(zip));
        Assert.Equal($"{zip}!ml-bad/ratings.csv", e.File);
        Assert.Equal(3, e.Line);
        Assert.Equal("rating", e.Field);
        Assert.Equal("x", e.Text);
    }

    [Fact]
    public void Missing_file_inside_a_zip_is_named_with_its_folder()
    {
        using var dir = new TempDir().Text("ratings.csv", Fixtures.CsvRatings);
        string zip = dir.Zip("partial.zip", "ml-partial");
        var e = Assert.Throws<DatasetFormatException>(() => MovieLensLoader.Load(zip));
        Assert.Equal($"{zip}!ml-partial/movies.csv", e.File);
        Assert.Contains("movies.csv", e.Message);
    }

    [Fact]
    public void A_file_that_is_not_a_zip_is_a_clear_error()
    {
        using var dir = new TempDir().Text("notes.zip", "not a zip");
        var e = Assert.Throws<DatasetFormatException>(() => MovieLensLoader.Load(dir.File("notes.zip")));
        Assert.Contains("zip", e.Message);
    }

    [Fact]
    public void Directory_path_with_a_trailing_separator_is_named_by_its_last_folder()
    {
        using var dir = Fixtures.CsvRelease();
        var ds = MovieLensLoader.Load(dir.Path + Path.DirectorySeparatorChar);
        Assert.Equal("release", ds.Name);
        Assert.Equal(dir.Path, ds.Source);
        Assert.Contains(dir.File("movies.csv"), ds.Report.FilesRead);
    }

    [Fact]
    public void A_path_that_does_not_exist_is_a_clear_error()
    {
        using var dir = new TempDir();
        var e = Assert.Throws<DirectoryNotFoundException>(() => MovieLensLoader.Load(Path.Combine(dir.Root, "nope")));
        Assert.Contains("nope", e.Message);
    }

    [Fact]
    public void Large_entries_are_read_ahead_on_a_background_thread_with_the_same_result()
    {
        // Over the 8 MiB read-ahead threshold: about 300k ratings of 5 movies per user.
        int[] movies = [1, 2, 3, 5, 10];
        var sb = new System.Text.StringBuilder("userId,movieId,rating,timestamp\n");
        int n = 0;
        double sum = 0;
        for (int u = 1; sb.Length < 9 << 20; u++)
        {
            foreach (int m in movies)
            {
                string stars = n % 2 == 0 ? "4.0" : "1.5";
                sum += n % 2 == 0 ? 4.0 : 1.5;
                sb.Append(u).Append(',').Append(m).Append(',').Append(stars).Append(',').Append(1_000_000_000 + n).Append('\n');
                n++;
            }
        }
        using var dir = Fixtures.MinimalCsv(sb.ToString());
        string zip = dir.Zip("big.zip", "big");
        var ds = MovieLensLoader.Load(zip);
        Assert.Equal(n, ds.Report.RatingsRead);
        Assert.Equal(n, ds.Ratings.Count);
        Assert.Equal(n / movies.Length, ds.Users.Count);
        Assert.Equal(sum, ds.Ratings.Stars.ToArray().Sum(s => (double)s), 6);
    }
}
