namespace HybridRec.Data.Tests;

public class Ml100kTests
{
    [Fact]
    public void Loads_items_in_latin1_with_all_19_genres_from_u_genre()
    {
        using var dir = Fixtures.Ml100k();
        var ds = MovieLensLoader.Load(dir.Path);

        Assert.Equal(DatasetFormats.MovieLens100k, ds.Format);
        Assert.Equal(RatingScale.WholeStars, ds.Scale);
        Assert.Equal("Señor Jaime (1996)", ds.NameOf(2));
        Assert.Equal("unknown", ds.NameOf(3));
        Assert.Equal(Fixtures.Ml100kGenres.Order(StringComparer.Ordinal), ds.ItemFeatures["genres"].Values.Vocabulary);
        Assert.Equal(19, ds.Report.Genres);
        string[] Names(int id) => ds.ItemFeatures["genres"].Values.Row(ds.Items.GetIndex(id)).ToArray().Select(j => ds.ItemFeatures["genres"].Values.Vocabulary[j]).ToArray();
        Assert.Equal(["Animation", "Children's", "Comedy"], Names(1));
        Assert.Equal(["unknown"], Names(3));

        Assert.Equal([22, 186, 196], ds.Users.RawIds.ToArray());
        Assert.Equal([3f, 5f, 1f, 2f], ds.Ratings.Stars);
        Assert.Equal(3, ds.Report.UserProfilesRead);
        Assert.Equal(1, ds.Report.BlankLinesSkipped); // u.genre ends with a blank line, as the real file does
        Assert.Equal(1, ds.Report.ItemsWithoutRatings);
    }

    [Fact]
    public void Without_u_genre_the_standard_genre_names_are_used()
    {
        using var withFile = Fixtures.Ml100k();
        using var without = Fixtures.Ml100k(withGenreFile: false);
        var a = MovieLensLoader.Load(withFile.Path);
        var b = MovieLensLoader.Load(without.Path);
        Assert.Equal(a.ItemFeatures["genres"].Values.Vocabulary, b.ItemFeatures["genres"].Values.Vocabulary);
        Assert.Equal(a.ItemFeatures["genres"].Values.Indices, b.ItemFeatures["genres"].Values.Indices);
    }

    [Fact]
    public void Predefined_split_u1_is_read_through_the_dataset_maps()
    {
        using var dir = Fixtures.Ml100k();
        var ds = MovieLensLoader.Load(dir.Path);
        Assert.Equal(["u1"], ds.PredefinedSplits.Keys);
        var split = RatingSplits.Predefined(ds, "u1");
        Assert.Equal("u1", split.Name);
        Assert.Equal(3, split.Train.Count);
        Assert.Equal(1, split.Test.Count);
        Assert.Equal(ds.Users.GetIndex(196), split.Test.Users[0]);
        Assert.Equal(ds.Items.GetIndex(2), split.Test.Items[0]);
        Assert.Equal(2f, split.Test.Stars[0]);
        Assert.Equal([ds.Users.GetIndex(196), ds.Users.GetIndex(186), ds.Users.GetIndex(22)], split.Train.Users);
        Assert.Contains(dir.File("u1.base"), ds.Report.FilesRead);
    }

    [Fact]
    public void Split_row_with_an_unknown_user_names_file_line_and_field()
    {
        using var dir = Fixtures.Ml100k().Text("u1.test", "196\t2\t2\t880606923\n999\t1\t4\t880606924\n");
        var e = Assert.Throws<DatasetFormatException>(() => MovieLensLoader.Load(dir.Path));
        Assert.Equal(dir.File("u1.test"), e.File);
        Assert.Equal(2, e.Line);
        Assert.Equal("user id", e.Field);
        Assert.Equal("999", e.Text);
    }

    [Fact]
    public void Split_row_with_an_unknown_movie_names_file_line_and_field()
    {
        using var dir = Fixtures.Ml100k().Text("u1.base", "196\t1\t3\t881250949\n186\t77\t5\t891717742\n");
        var e = Assert.Throws<DatasetFormatException>(() => MovieLensLoader.Load(dir.Path));
        Assert.Equal(dir.File("u1.base"), e.File);
        Assert.Equal(2, e.Line);
        Assert.Equal("item id", e.Field);
        Assert.Equal("77", e.Text);
    }

    [Fact]
    public void Half_a_split_is_skipped_with_a_warning()
    {
        using var dir = Fixtures.Ml100k();
        File.Delete(dir.File("u1.test"));
        var ds = MovieLensLoader.Load(dir.Path);
        Assert.Empty(ds.PredefinedSplits);
        Assert.Contains(ds.Report.Warnings, w => w.Contains("u1.test is missing"));
    }

    [Fact]
    public void Splits_are_not_loaded_under_max_ratings()
    {
        using var dir = Fixtures.Ml100k();
        var ds = MovieLensLoader.Load(dir.Path, new MovieLensLoadOptions { MaxRatings = 2 });
        Assert.Empty(ds.PredefinedSplits);
        Assert.Contains(ds.Report.Warnings, w => w.Contains("MaxRatings"));
    }

    [Fact]
    public void A_genre_flag_other_than_0_or_1_is_an_error()
    {
        using var dir = Fixtures.Ml100k();
        string item = Fixtures.Ml100kItem(1, "A (1990)", "Drama").Replace("|0|0|0|0|0|0|0|0|1|", "|0|0|0|0|0|0|0|0|2|");
        dir.Text("u.item", item + "\n" + Fixtures.Ml100kItem(2, "B", "Drama") + "\n" + Fixtures.Ml100kItem(3, "C", "Drama") + "\n");
        var e = Assert.Throws<DatasetFormatException>(() => MovieLensLoader.Load(dir.Path));
        Assert.Equal(dir.File("u.item"), e.File);
        Assert.Equal(1, e.Line);
        Assert.Equal("Drama", e.Field);
        Assert.Equal("2", e.Text);
    }

    [Fact]
    public void Predefined_on_a_release_without_splits_says_so()
    {
        using var dir = Fixtures.CsvRelease();
        var ds = MovieLensLoader.Load(dir.Path);
        var e = Assert.Throws<ArgumentException>(() => RatingSplits.Predefined(ds, "u1"));
        Assert.Contains("no predefined splits", e.Message);
    }

    [Fact]
    public void Predefined_with_an_unknown_name_lists_the_available_ones()
    {
        using var dir = Fixtures.Ml100k()
            .Text("ua.base", "196\t1\t3\t881250949\n")
            .Text("ua.test", "22\t1\t1\t878887116\n");
        var ds = MovieLensLoader.Load(dir.Path);
        var e = Assert.Throws<ArgumentException>(() => RatingSplits.Predefined(ds, "u9"));
        Assert.Contains("available: u1, ua", e.Message);
    }
}
