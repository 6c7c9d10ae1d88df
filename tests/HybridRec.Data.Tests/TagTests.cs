namespace HybridRec.Data.Tests;

public class TagTests
{
    // Fixtures.CsvTags: movie 1: "funny", " Funny " → one pair; movie 2: "prison, escape", "Prison";
    // movie 99 unknown; movie 3: blank tag, "FUNNY".
    [Fact]
    public void Tags_are_trimmed_lower_cased_counted_and_deduplicated_per_movie()
    {
        using var dir = Fixtures.CsvRelease();
        var ds = MovieLensLoader.Load(dir.Path, new MovieLensLoadOptions { MinTagCount = 1 });
        Assert.Equal(["funny", "prison", "prison, escape"], ds.ItemFeatures["tags"].Values.Vocabulary);
        string[] Names(int id) => ds.ItemFeatures["tags"].Values.Row(ds.Items.GetIndex(id)).ToArray().Select(j => ds.ItemFeatures["tags"].Values.Vocabulary[j]).ToArray();
        Assert.Equal(["funny"], Names(1));
        Assert.Equal(["prison", "prison, escape"], Names(2));
        Assert.Equal(["funny"], Names(3));
        Assert.Empty(Names(5));

        var r = ds.Report;
        Assert.Equal(7, r.TagApplicationsRead);
        Assert.Equal(1, r.TagApplicationsUnknownMovie);
        Assert.Equal(1, r.TagApplicationsEmpty);
        Assert.Equal(0, r.TagApplicationsRare);
        Assert.Equal(1, r.TagApplicationsDuplicate);
        Assert.Equal(4, r.TagPairsKept);
        Assert.Equal(3, r.DistinctTags);
        Assert.Equal(3, r.TagsKept);
        Assert.Equal(1, r.MinTagCount);
        Assert.Contains(r.Warnings, w => w.Contains("missing from the movie list") && w.Contains("line 6") && w.Contains("movie 99"));
        Assert.Contains(r.Warnings, w => w.Contains("empty tag"));
    }

    [Fact]
    public void Tags_used_fewer_than_MinTagCount_times_are_dropped()
    {
        using var dir = Fixtures.CsvRelease();
        var ds = MovieLensLoader.Load(dir.Path, new MovieLensLoadOptions { MinTagCount = 3 });
        // "funny" is used 3 times (movies 1, 1, 3); "prison" once, "prison, escape" once.
        Assert.Equal(["funny"], ds.ItemFeatures["tags"].Values.Vocabulary);
        Assert.Equal(2, ds.ItemFeatures["tags"].Values.NonZeros);
        var r = ds.Report;
        Assert.Equal(2, r.TagApplicationsRare);
        Assert.Equal(1, r.TagApplicationsDuplicate);
        Assert.Equal(2, r.TagPairsKept);
        Assert.Equal(1, r.TagsKept);
        Assert.Equal(3, r.DistinctTags);
        Assert.Equal(r.TagApplicationsRead,
            r.TagApplicationsUnknownMovie + r.TagApplicationsEmpty + r.TagApplicationsRare + r.TagApplicationsDuplicate + r.TagPairsKept);
    }

    [Fact]
    public void Unknown_movie_tags_do_not_count_towards_the_minimum()
    {
        using var dir = Fixtures.CsvRelease().Text("tags.csv",
            "userId,movieId,tag,timestamp\n1,1,rare,1\n1,99,rare,2\n1,98,rare,3\n");
        var ds = MovieLensLoader.Load(dir.Path, new MovieLensLoadOptions { MinTagCount = 2 });
        Assert.Empty(ds.ItemFeatures["tags"].Values.Vocabulary);
        Assert.Equal(2, ds.Report.TagApplicationsUnknownMovie);
        Assert.Equal(1, ds.Report.TagApplicationsRare);
    }

    [Fact]
    public void Empty_vocabulary_is_a_warning_not_an_error()
    {
        using var dir = Fixtures.CsvRelease();
        var ds = MovieLensLoader.Load(dir.Path); // default MinTagCount 200
        Assert.Equal(MovieLensLoadOptions.DefaultMinTagCount, ds.Report.MinTagCount);
        Assert.Equal(0, ds.ItemFeatures["tags"].Values.Columns);
        Assert.Equal(0, ds.ItemFeatures["tags"].Values.NonZeros);
        Assert.Equal(ds.Items.Count, ds.ItemFeatures["tags"].Values.Rows);
        Assert.Equal(0, ds.Report.TagsKept);
        Assert.Equal(5, ds.Report.TagApplicationsRare);
        Assert.Contains(ds.Report.Warnings, w => w.Contains("tag vocabulary is empty") && w.Contains("200"));
    }
}
