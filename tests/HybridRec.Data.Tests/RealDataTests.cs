using System.IO.Compression;
using System.Text;
using CsvHelper;

namespace HybridRec.Data.Tests;

/// <summary>The bundled ml-latest-small.zip (data/ in the repository, copied next to the tests).</summary>
public class RealDataTests
{
    private static readonly string ZipPath = Path.Combine(AppContext.BaseDirectory, "data", "ml-latest-small.zip");

    [Fact]
    public void Ml_latest_small_has_the_documented_counts()
    {
        var ds = MovieLensLoader.Load(ZipPath);
        var r = ds.Report;

        Assert.Equal("ml-latest-small", ds.Name);
        Assert.Equal(DatasetFormats.MovieLensCsv, ds.Format);
        Assert.Equal(RatingScale.HalfStars, ds.Scale);
        Assert.Equal(100_836, ds.Ratings.Count);
        Assert.Equal(100_836, r.RatingsRead);
        Assert.Equal(0, r.DuplicateRatings);
        Assert.Equal(610, ds.Users.Count);
        Assert.Equal(9_742, ds.Items.Count);
        Assert.Equal(9_742, r.LinksRead);
        Assert.Equal(18, r.ItemsWithoutRatings);
        Assert.Equal(3_683, r.TagApplicationsRead);
        Assert.Equal(0, r.TagApplicationsUnknownMovie);
        Assert.Equal(20, ds.ItemFeatures["genres"].Values.Columns);
        Assert.Contains("(no genres listed)", ds.ItemFeatures["genres"].Values.Vocabulary);
        Assert.Contains("IMAX", ds.ItemFeatures["genres"].Values.Vocabulary);
        Assert.Equal("Shawshank Redemption, The (1994)", ds.NameOf(318));
        Assert.All(ds.Ratings.Stars.ToArray(), s => Assert.True(ds.Scale.Contains(s)));

        // No tag is used 200 times: the default vocabulary is empty, with a warning.
        Assert.Equal(0, ds.ItemFeatures["tags"].Values.Columns);
        Assert.Contains(r.Warnings, w => w.Contains("tag vocabulary is empty"));
        Assert.Contains(r.OtherFiles, f => f.EndsWith("ml-latest-small/README.txt (153 lines)", StringComparison.Ordinal));
    }

    [Theory]
    // After normalisation (trim + lower-case) tags merge ("Funny"/"funny"), so more reach each threshold than in
    // the raw file: 184 tags are used at least 5 times and 61 at least 10 (raw, case-sensitive: 168 and 59; see
    // Raw_tag_counts_match_the_figures_quoted_for_the_unnormalised_file).
    [InlineData(5, 184)]
    [InlineData(10, 61)]
    [InlineData(200, 0)]
    public void Ml_latest_small_tag_vocabulary_sizes_after_normalisation(int minTagCount, int expectedTags)
    {
        var ds = MovieLensLoader.Load(ZipPath, new MovieLensLoadOptions { MinTagCount = minTagCount });
        Assert.Equal(expectedTags, ds.ItemFeatures["tags"].Values.Columns);
        Assert.Equal(expectedTags, ds.Report.TagsKept);
        Assert.Equal(1_475, ds.Report.DistinctTags);
        var r = ds.Report;
        Assert.Equal(r.TagApplicationsRead,
            r.TagApplicationsUnknownMovie + r.TagApplicationsEmpty + r.TagApplicationsRare + r.TagApplicationsDuplicate + r.TagPairsKept);
        Assert.True(ds.ItemFeatures["tags"].Values.Vocabulary.SequenceEqual(ds.ItemFeatures["tags"].Values.Vocabulary.Order(StringComparer.Ordinal)));
    }

    [Fact]
    public void Raw_tag_counts_match_the_figures_quoted_for_the_unnormalised_file()
    {
        // Counted independently of the loader, straight from the zip, without normalisation.
        var counts = new Dictionary<string, int>(StringComparer.Ordinal);
        using (var zip = ZipFile.OpenRead(ZipPath))
        using (var csv = CsvReader.Create(zip.GetEntry("ml-latest-small/tags.csv")!.Open(), CsvReaderOptions.Default with { Separator = ',' }))
        {
            while (csv.Read())
            {
                string tag = Encoding.UTF8.GetString(csv.GetSpan(2));
                counts[tag] = counts.GetValueOrDefault(tag) + 1;
            }
        }
        Assert.Equal(1_589, counts.Count);
        Assert.Equal(168, counts.Values.Count(c => c >= 5));
        Assert.Equal(59, counts.Values.Count(c => c >= 10));
        Assert.Equal(0, counts.Values.Count(c => c >= 200));
    }

    [Fact]
    public void Ml_latest_small_loads_from_a_stream()
    {
        using var stream = File.OpenRead(ZipPath);
        var ds = MovieLensLoader.Load(stream, "ml-latest-small.zip");
        Assert.Equal(100_836, ds.Ratings.Count);
        Assert.Equal("ml-latest-small", ds.Name);
    }
}
