using System.IO.Compression;
using System.Text;
using HybridRec.Data.IO;

namespace HybridRec.Data.Tests;

/// <summary>File names that differ only by case, and CRLF line ends with byte order marks in every file of every layout.</summary>
public class CaseCollisionAndEncodingTests
{
    private static MemoryStream ZipOf(params (string Entry, string Text)[] entries)
    {
        var zip = new MemoryStream();
        using (var archive = new ZipArchive(zip, ZipArchiveMode.Create, leaveOpen: true))
        {
            foreach (var (entry, text) in entries)
            {
                using var s = archive.CreateEntry(entry).Open();
                s.Write(Encoding.UTF8.GetBytes(text));
            }
        }
        zip.Position = 0;
        return zip;
    }

    [Theory]
    [InlineData("ml/Ratings.csv")]
    [InlineData("ml/ratings.csv")]
    public void Zip_entries_of_a_read_file_that_collide_by_case_are_an_error_naming_both(string second)
    {
        using var zip = ZipOf(("ml/movies.csv", Fixtures.CsvMovies), ("ml/ratings.csv", Fixtures.CsvRatings), (second, Fixtures.CsvRatings));
        var e = Assert.Throws<DatasetFormatException>(() => MovieLensLoader.Load(zip, "twice.zip"));
        Assert.Equal("twice.zip!ml/ratings.csv", e.File);
        Assert.Equal(0, e.Line);
        Assert.Contains(second == "ml/ratings.csv" ? "'ratings.csv' appears twice" : "'ratings.csv' and 'Ratings.csv' differ only by case", e.Problem);
        Assert.Contains("ambiguous", e.Problem);
    }

    [Fact]
    public void Other_files_that_collide_by_case_are_warned_about()
    {
        using var zip = ZipOf(("movies.csv", Fixtures.CsvMovies), ("ratings.csv", Fixtures.CsvRatings), ("README.txt", "a\n"), ("readme.TXT", "b\n"));
        var ds = MovieLensLoader.Load(zip, "readme.zip");
        Assert.Equal(5, ds.Ratings.Count);
        Assert.Contains(ds.Report.Warnings, w => w.Contains("'README.txt' and 'readme.TXT' differ only by case"));
    }

    [Fact]
    public void Directory_files_that_collide_by_case_are_an_error_too()
    {
        using var dir = Fixtures.CsvRelease();
        File.WriteAllText(dir.File("Movies.csv"), Fixtures.CsvMovies);
        if (!File.Exists(dir.File("movies.csv")) || Directory.GetFiles(dir.Path).Length != 5) return; // a case-insensitive file system keeps one file
        var e = Assert.Throws<DatasetFormatException>(() => MovieLensLoader.Load(dir.Path));
        Assert.Contains("differ only by case", e.Problem);
    }

    [Fact]
    public void Memory_sources_report_collisions_like_the_others()
    {
        var source = new MemorySource("m", [("movies.csv", Encoding.UTF8.GetBytes(Fixtures.CsvMovies)), ("ratings.csv", Encoding.UTF8.GetBytes(Fixtures.CsvRatings)), ("MOVIES.CSV", [])]);
        Assert.Equal([("movies.csv", "MOVIES.CSV")], source.CaseCollisions);
        var e = Assert.Throws<DatasetFormatException>(() => MovieLensLoader.Load(source));
        Assert.Equal("m/movies.csv", e.File);
    }

    /// <summary>Rewrites every file of <paramref name="dir"/> with CRLF line ends and a UTF-8 byte order mark.</summary>
    private static void ToCrlfWithBom(TempDir dir)
    {
        foreach (var file in Directory.GetFiles(dir.Path))
        {
            var bytes = File.ReadAllBytes(file);
            var crlf = new List<byte>(Encoding.UTF8.GetPreamble());
            foreach (byte b in bytes)
            {
                if (b == (byte)'\n') crlf.Add((byte)'\r');
                crlf.Add(b);
            }
            File.WriteAllBytes(file, [.. crlf]);
        }
    }

    [Theory]
    [InlineData("csv")]
    [InlineData("ml1m")]
    [InlineData("ml10m")]
    [InlineData("ml100k")]
    public void Crlf_and_a_bom_in_every_file_load_the_same_dataset(string layout)
    {
        Func<TempDir> make = layout switch
        {
            "csv" => () => Fixtures.CsvRelease(),
            "ml1m" => Fixtures.Ml1m,
            "ml10m" => Fixtures.Ml10m,
            _ => () => Fixtures.Ml100k(),
        };
        var options = new MovieLensLoadOptions { MinTagCount = 1 };
        using var plain = make();
        using var marked = make();
        ToCrlfWithBom(marked);
        var a = MovieLensLoader.Load(plain.Path, options);
        var b = MovieLensLoader.Load(marked.Path, options);
        Assert.Equal(a.Ratings.Users, b.Ratings.Users);
        Assert.Equal(a.Ratings.Items, b.Ratings.Items);
        Assert.Equal(a.Ratings.Stars, b.Ratings.Stars);
        Assert.Equal(a.Users.RawIds.ToArray(), b.Users.RawIds.ToArray());
        Assert.Equal(a.Items.RawIds.ToArray(), b.Items.RawIds.ToArray());
        Assert.Equal(a.ItemNames, b.ItemNames);
        Assert.Equal(a.ItemFeatures["genres"].Vocabulary, b.ItemFeatures["genres"].Vocabulary);
        Assert.Equal(a.ItemFeatures["genres"].Values.Indices, b.ItemFeatures["genres"].Values.Indices);
        Assert.Equal(a.ItemFeatures["tags"].Vocabulary, b.ItemFeatures["tags"].Vocabulary);
        Assert.Equal(a.ItemFeatures["tags"].Values.Indices, b.ItemFeatures["tags"].Values.Indices);
        Assert.Equal(a.PredefinedSplits.Keys.Order(), b.PredefinedSplits.Keys.Order());
        Assert.Equal(a.Report.UserProfilesRead, b.Report.UserProfilesRead);
        Assert.Equal(a.Report.BlankLinesSkipped, b.Report.BlankLinesSkipped);
    }
}
