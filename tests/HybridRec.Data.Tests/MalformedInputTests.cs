using System.Text;

namespace HybridRec.Data.Tests;

/// <summary>Every kind of bad input throws a <see cref="DatasetFormatException"/> naming file, line, field and text.</summary>
public class MalformedInputTests
{
    private const string RatingsHeader = "userId,movieId,rating,timestamp\n";
    private const string GoodRating = "1,1,4.0,964982703\n";

    /// <summary>Case name → (fixture, file name, line, field, text).</summary>
    private static (TempDir Dir, string File, long Line, string Field, string Text) Case(string name) => name switch
    {
        // CSV ratings.csv: header is line 1, a good rating is line 2, the bad one line 3.
        "csv-rating-not-a-number" => (Fixtures.MinimalCsv(RatingsHeader + GoodRating + "1,2,four,1\n"), "ratings.csv", 3, "rating", "four"),
        "csv-rating-above-scale" => (Fixtures.MinimalCsv(RatingsHeader + GoodRating + "1,2,5.5,1\n"), "ratings.csv", 3, "rating", "5.5"),
        "csv-rating-below-scale" => (Fixtures.MinimalCsv(RatingsHeader + GoodRating + "1,2,0.0,1\n"), "ratings.csv", 3, "rating", "0.0"),
        "csv-rating-off-step" => (Fixtures.MinimalCsv(RatingsHeader + GoodRating + "1,2,3.25,1\n"), "ratings.csv", 3, "rating", "3.25"),
        "csv-rating-nan" => (Fixtures.MinimalCsv(RatingsHeader + GoodRating + "1,2,NaN,1\n"), "ratings.csv", 3, "rating", "NaN"),
        "csv-too-few-fields" => (Fixtures.MinimalCsv(RatingsHeader + GoodRating + "1,2,4.0\n"), "ratings.csv", 3, "timestamp", "1,2,4.0"),
        "csv-too-many-fields" => (Fixtures.MinimalCsv(RatingsHeader + GoodRating + "1,2,4.0,1,9\n"), "ratings.csv", 3, "field 5", "1,2,4.0,1,9"),
        "csv-user-not-integer" => (Fixtures.MinimalCsv(RatingsHeader + GoodRating + "1.5,2,4.0,1\n"), "ratings.csv", 3, "userId", "1.5"),
        "csv-movie-not-integer" => (Fixtures.MinimalCsv(RatingsHeader + GoodRating + "1,two,4.0,1\n"), "ratings.csv", 3, "movieId", "two"),
        "csv-movie-not-in-list" => (Fixtures.MinimalCsv(RatingsHeader + GoodRating + "1,4,4.0,1\n"), "ratings.csv", 3, "movieId", "4"),
        "csv-error-after-blank-line" => (Fixtures.MinimalCsv(RatingsHeader + GoodRating + "\n\n1,4,4.0,1\n"), "ratings.csv", 5, "movieId", "4"),
        "csv-error-after-multiline-title" => (Fixtures.MinimalCsv(Fixtures.CsvRatings,
            "movieId,title,genres\n1,\"Two\nLines (1990)\",Drama\nx,B,Drama\n"), "movies.csv", 4, "movieId", "x"),
        "csv-duplicate-movie-id" => (Fixtures.MinimalCsv(Fixtures.CsvRatings, Fixtures.CsvMovies + "2,Again (2000),Drama\n"), "movies.csv", 7, "movieId", "2"),
        "csv-movies-wrong-field-count" => (Fixtures.MinimalCsv(Fixtures.CsvRatings, "movieId,title,genres\n1,Toy Story, 1995,Comedy\n"), "movies.csv", 2, "field 4", "1,Toy Story, 1995,Comedy"),
        "csv-wrong-header-name" => (Fixtures.MinimalCsv("userId,itemId,rating,timestamp\n" + GoodRating), "ratings.csv", 1, "movieId", "itemId"),
        "csv-header-missing-column" => (Fixtures.MinimalCsv(Fixtures.CsvRatings, "movieId,title\n1,A\n"), "movies.csv", 1, "genres", ""),
        "csv-header-extra-column" => (Fixtures.MinimalCsv(Fixtures.CsvRatings, "movieId,title,genres,year\n1,A,Drama,1990\n"), "movies.csv", 1, "column 4", "year"),
        "csv-no-header" => (Fixtures.MinimalCsv(GoodRating), "ratings.csv", 1, "userId", "1"),
        "csv-empty-file" => (Fixtures.MinimalCsv(""), "ratings.csv", 1, "header", ""),
        "csv-tag-movie-not-integer" => (Fixtures.CsvRelease().Text("tags.csv", "userId,movieId,tag,timestamp\n1,1,a,1\n1,one,b,2\n"), "tags.csv", 3, "movieId", "one"),

        // ml-1m ratings.dat / movies.dat: no header, first line is line 1.
        "dat-rating-above-whole-scale" => (Fixtures.Ml1m().Text("ratings.dat", "1::1::5::1\n1::2::6::2\n"), "ratings.dat", 2, "Rating", "6"),
        "dat-half-star-on-whole-scale" => (Fixtures.Ml1m().Text("ratings.dat", "1::1::5::1\n1::2::3.5::2\n"), "ratings.dat", 2, "Rating", "3.5"),
        "dat-rating-not-a-number" => (Fixtures.Ml1m().Text("ratings.dat", "1::1::x::1\n"), "ratings.dat", 1, "Rating", "x"),
        "dat-too-few-fields" => (Fixtures.Ml1m().Text("ratings.dat", "1::1::5::1\n1::2::5\n"), "ratings.dat", 2, "Timestamp", "1::2::5"),
        "dat-single-colon-is-not-a-separator" => (Fixtures.Ml1m().Text("ratings.dat", "1::1:5::1\n"), "ratings.dat", 1, "Timestamp", "1::1:5::1"),
        "dat-user-not-integer" => (Fixtures.Ml1m().Text("ratings.dat", "1::1::5::1\nabc::2::5::1\n"), "ratings.dat", 2, "UserID", "abc"),
        "dat-movie-not-in-list" => (Fixtures.Ml1m().Text("ratings.dat", "1::9::5::1\n"), "ratings.dat", 1, "MovieID", "9"),
        "dat-movies-title-with-double-colon" => (Fixtures.Ml1m().Text("movies.dat", "1::A::B (1990)::Drama\n"), "movies.dat", 1, "field 4", "1::A::B (1990)::Drama"),
        "dat-movies-missing-genres" => (Fixtures.Ml1m().Text("movies.dat", "1::A (1990)::Drama\n2::B (1991)\n"), "movies.dat", 2, "Genres", "2::B (1991)"),
        "dat-duplicate-movie-id" => (Fixtures.Ml1m().Text("movies.dat", "1::A::Drama\n2::B::Drama\n3::C::Drama\n2::D::Drama\n"), "movies.dat", 4, "MovieID", "2"),
        "dat-users-wrong-field-count" => (Fixtures.Ml1m().Text("users.dat", "1::F::1::10::48067\n2::M::56\n"), "users.dat", 2, "Occupation", "2::M::56"),

        // ml-100k
        "100k-rating-not-a-number" => (Fixtures.Ml100k().Text("u.data", "196\t1\t3\t1\n186\t2\tfive\t2\n"), "u.data", 2, "rating", "five"),
        "100k-item-not-in-list" => (Fixtures.Ml100k().Text("u.data", "196\t1682\t3\t1\n"), "u.data", 1, "item id", "1682"),
        "100k-wrong-field-count" => (Fixtures.Ml100k().Text("u.data", "196 1 3 1\n"), "u.data", 1, "item id", "196 1 3 1"),
        "100k-duplicate-item" => (Fixtures.Ml100k().Text("u.item", Fixtures.Ml100kItem(1, "A") + "\n" + Fixtures.Ml100kItem(1, "B") + "\n"), "u.item", 2, "movie id", "1"),
        "100k-item-short" => (Fixtures.Ml100k().Text("u.item", "1|A (1990)|01-Jan-1990||url|0|1\n"), "u.item", 1, "Adventure", "1|A (1990)|01-Jan-1990||url|0|1"),
        _ => throw new ArgumentException(name),
    };

    [Theory]
    [InlineData("csv-rating-not-a-number")]
    [InlineData("csv-rating-above-scale")]
    [InlineData("csv-rating-below-scale")]
    [InlineData("csv-rating-off-step")]
    [InlineData("csv-rating-nan")]
    [InlineData("csv-too-few-fields")]
    [InlineData("csv-too-many-fields")]
    [InlineData("csv-user-not-integer")]
    [InlineData("csv-movie-not-integer")]
    [InlineData("csv-movie-not-in-list")]
    [InlineData("csv-error-after-blank-line")]
    [InlineData("csv-error-after-multiline-title")]
    [InlineData("csv-duplicate-movie-id")]
    [InlineData("csv-movies-wrong-field-count")]
    [InlineData("csv-wrong-header-name")]
    [InlineData("csv-header-missing-column")]
    [InlineData("csv-header-extra-column")]
    [InlineData("csv-no-header")]
    [InlineData("csv-empty-file")]
    [InlineData("csv-tag-movie-not-integer")]
    [InlineData("dat-rating-above-whole-scale")]
    [InlineData("dat-half-star-on-whole-scale")]
    [InlineData("dat-rating-not-a-number")]
    [InlineData("dat-too-few-fields")]
    [InlineData("dat-single-colon-is-not-a-separator")]
    [InlineData("dat-user-not-integer")]
    [InlineData("dat-movie-not-in-list")]
    [InlineData("dat-movies-title-with-double-colon")]
    [InlineData("dat-movies-missing-genres")]
    [InlineData("dat-duplicate-movie-id")]
    [InlineData("dat-users-wrong-field-count")]
    [InlineData("100k-rating-not-a-number")]
    [InlineData("100k-item-not-in-list")]
    [InlineData("100k-wrong-field-count")]
    [InlineData("100k-duplicate-item")]
    [InlineData("100k-item-short")]
    public void Bad_input_names_file_line_field_and_text(string name)
    {
        var (dir, file, line, field, text) = Case(name);
        using (dir)
        {
            var e = Assert.Throws<DatasetFormatException>(() => MovieLensLoader.Load(dir.Path));
            Assert.Equal(dir.File(file), e.File);
            Assert.Equal(line, e.Line);
            Assert.Equal(field, e.Field);
            Assert.Equal(text, e.Text);
            Assert.StartsWith($"{dir.File(file)} line {line}, field '{field}': ", e.Message);
        }
    }

    [Fact]
    public void Scale_errors_say_what_the_scale_is()
    {
        using var dir = Fixtures.MinimalCsv(RatingsHeader + "1,1,5.5,1\n");
        var e = Assert.Throws<DatasetFormatException>(() => MovieLensLoader.Load(dir.Path));
        Assert.Contains("outside", e.Problem);
        Assert.Contains(RatingScale.HalfStars.ToString(), e.Problem);
    }

    [Fact]
    public void Header_errors_show_the_expected_header()
    {
        using var dir = Fixtures.MinimalCsv("userId,itemId,rating,timestamp\n" + GoodRating);
        var e = Assert.Throws<DatasetFormatException>(() => MovieLensLoader.Load(dir.Path));
        Assert.Contains("userId,movieId,rating,timestamp", e.Message);
    }

    [Fact]
    public void Title_that_is_not_utf8_is_an_error_in_csv()
    {
        using var dir = new TempDir()
            .Text("ratings.csv", RatingsHeader + GoodRating)
            .Bytes("movies.csv", [.. "movieId,title,genres\n1,Mis"u8.ToArray(), 0xE9, .. "rables (1995),Drama\n"u8.ToArray()]);
        var e = Assert.Throws<DatasetFormatException>(() => MovieLensLoader.Load(dir.Path));
        Assert.Equal(2, e.Line);
        Assert.Equal("title", e.Field);
        Assert.Equal("Misérables (1995)", e.Text); // shown decoded as Latin-1
        Assert.Contains("UTF-8", e.Problem);
    }

    [Fact]
    public void Unterminated_quote_is_an_error_at_the_line_where_it_opens()
    {
        using var dir = Fixtures.MinimalCsv(Fixtures.CsvRatings,
            "movieId,title,genres\n1,A (1990),Drama\n2,\"Broken, (1991),Drama\n3,C (1992),Comedy\n");
        var e = Assert.Throws<DatasetFormatException>(() => MovieLensLoader.Load(dir.Path));
        Assert.Equal(dir.File("movies.csv"), e.File);
        Assert.Equal(3, e.Line);
        Assert.Contains("never closed", e.Problem);
    }

    [Fact]
    public void Stray_quote_inside_an_unquoted_title_is_kept_and_warned()
    {
        using var dir = Fixtures.MinimalCsv("userId,movieId,rating\n1,1,4.0\n",
            "movieId,title,genres\n1,The 12\" Single (1990),Drama\n");
        var ds = MovieLensLoader.Load(dir.Path);
        Assert.Equal("The 12\" Single (1990)", ds.NameOf(1));
        Assert.Contains(ds.Report.Warnings, w => w.Contains("stray quote") && w.Contains("line 2"));
    }

    [Theory]
    [InlineData("ratings.csv")]
    [InlineData("movies.csv")]
    public void Missing_required_csv_file_lists_what_each_layout_expects(string missing)
    {
        using var dir = Fixtures.CsvRelease();
        File.Delete(dir.File(missing));
        var e = Assert.Throws<DatasetFormatException>(() => MovieLensLoader.Load(dir.Path));
        Assert.Equal(dir.File(missing), e.File);
        Assert.Equal(0, e.Line);
        Assert.Contains($"required file '{missing}' is missing", e.Message);
        AssertListsLayouts(e.Message);
    }

    [Theory]
    [InlineData("ml1m", "movies.dat")]
    [InlineData("ml1m", "ratings.dat")]
    [InlineData("ml100k", "u.item")]
    [InlineData("ml100k", "u.data")]
    public void Missing_required_file_of_other_layouts_is_named(string layout, string missing)
    {
        using var dir = layout == "ml1m" ? Fixtures.Ml1m() : Fixtures.Ml100k();
        File.Delete(dir.File(missing));
        var e = Assert.Throws<DatasetFormatException>(() => MovieLensLoader.Load(dir.Path));
        Assert.Equal(dir.File(missing), e.File);
        AssertListsLayouts(e.Message);
    }

    [Fact]
    public void Directory_without_any_release_lists_every_layout()
    {
        using var dir = new TempDir().Text("notes.txt", "hello\n");
        var e = Assert.Throws<DatasetFormatException>(() => MovieLensLoader.Load(dir.Path));
        Assert.Equal(dir.Path, e.File);
        Assert.Contains("notes.txt", e.Message);
        AssertListsLayouts(e.Message);
    }

    private static void AssertListsLayouts(string message)
    {
        foreach (var expected in new[] { "ratings.csv", "movies.csv", "ratings.dat", "movies.dat", "users.dat", "tags.dat", "u.data", "u.item", "u.genre" })
            Assert.Contains(expected, message);
    }
}
