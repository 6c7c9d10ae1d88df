using HybridRec.Data.Synthetic;
using Xunit;

namespace HybridRec.Data.Tests.Synthetic;

/// <summary>
/// The default (ml-25m-sized) dataset: opt-in because it writes about 716 MB. Run with
/// <c>HYBRIDREC_SYNTHETIC_FULL=1 dotnet test --project tests/HybridRec.Data.Tests -c Release</c>.
/// </summary>
public sealed class SyntheticFullSizeTests
{
    private const string Switch = "HYBRIDREC_SYNTHETIC_FULL";

    [Fact]
    public void Default_25M_rating_dataset_has_the_ml25m_shape()
    {
        Assert.SkipUnless(Environment.GetEnvironmentVariable(Switch) == "1", $"set {Switch}=1 to write the 25M-rating default dataset");
        using var dir = new TempDirectory();
        var options = new SyntheticOptions();

        var summary = SyntheticCsv.Generate(options, dir.Path);

        TestContext.Current.TestOutputHelper?.WriteLine(summary.ToString());
        Assert.Equal(options.Ratings, summary.Ratings);
        Assert.Equal(options.Ratings + 1, summary.Files.Single(f => f.Name == "ratings.csv").Lines);
        Assert.Equal(options.TagApplications + 1, summary.Files.Single(f => f.Name == "tags.csv").Lines);
        Assert.InRange(summary.MeanRating, 3.4, 3.7);
        Assert.InRange(summary.MaxRatingsPerMovie, 10_000, options.Users);
        Assert.InRange(summary.TagsAtDefaultMinCount, 300, 1000);
    }
}
