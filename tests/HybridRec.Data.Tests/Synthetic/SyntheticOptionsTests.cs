using HybridRec.Data.Synthetic;
using Xunit;

namespace HybridRec.Data.Tests.Synthetic;

public sealed class SyntheticOptionsTests
{
    [Fact]
    public void Defaults_are_ml_25m_sized_and_valid()
    {
        var o = new SyntheticOptions();
        o.Validate();
        Assert.Equal(162_541, o.Users);
        Assert.Equal(62_423, o.Movies);
        Assert.Equal(25_000_095, o.Ratings);
        Assert.Equal(42, o.Seed);
        Assert.Equal(8, o.LatentFactors);
        Assert.Equal(25_000_095 / 22, o.TagApplications);
        Assert.Equal(20, o.EffectiveMinRatingsPerUser);
    }

    [Fact]
    public void Tag_applications_follow_ratings_unless_set()
    {
        var o = new SyntheticOptions { Ratings = 2_200_000 };
        Assert.Equal(100_000, o.TagApplications);
        var set = o with { TagApplications = 5 };
        Assert.Equal(5, set.TagApplications);
        Assert.Equal(5, (set with { Ratings = 9_999_999 }).TagApplications);
    }

    public static TheoryData<string, SyntheticOptions> Invalid => new()
    {
        { "Users", new SyntheticOptions { Users = 0 } },
        { "Movies", new SyntheticOptions { Movies = -1 } },
        { "Ratings", new SyntheticOptions { Users = 10, Movies = 10, Ratings = 101 } },
        { "Ratings", new SyntheticOptions { Users = 10, Movies = 10, Ratings = 9 } },
        { "LatentFactors", new SyntheticOptions { LatentFactors = 0 } },
        { "TagApplications", new SyntheticOptions { TagApplications = -1 } },
        { "MinRatingsPerUser", new SyntheticOptions { MinRatingsPerUser = 0 } },
        { "NoiseStd", new SyntheticOptions { NoiseStd = -0.1 } },
        { "NoiseStd", new SyntheticOptions { NoiseStd = double.NaN } },
        { "GlobalMean", new SyntheticOptions { GlobalMean = 7 } },
        { "GenreFactorShare", new SyntheticOptions { GenreFactorShare = 1.5 } },
        { "MoviePopularityExponent", new SyntheticOptions { MoviePopularityExponent = double.PositiveInfinity } },
        { "TagVocabulary", new SyntheticOptions { TagVocabulary = 0 } },
        { "TaggerFraction", new SyntheticOptions { TaggerFraction = 0 } },
        { "MaxDegreeOfParallelism", new SyntheticOptions { MaxDegreeOfParallelism = 0 } },
    };

    [Theory]
    [MemberData(nameof(Invalid))]
    public void Out_of_range_options_are_rejected_naming_the_option(string name, SyntheticOptions options)
    {
        var e = Assert.Throws<ArgumentException>(options.Validate);
        Assert.Equal(name, e.ParamName);
        Assert.Contains($"SyntheticOptions.{name}", e.Message);
        using var dir = new TempDirectory();
        Assert.Throws<ArgumentException>(() => SyntheticCsv.Generate(options, dir.Path));
        Assert.Empty(Directory.GetFiles(dir.Path));
    }

    [Fact]
    public void Too_many_ratings_for_the_matrix_is_explained()
    {
        var e = Assert.Throws<ArgumentException>(new SyntheticOptions { Users = 3, Movies = 4, Ratings = 13 }.Validate);
        Assert.Contains("Users × Movies", e.Message);
        Assert.Contains("12", e.Message);
    }

    [Fact]
    public void Minimum_is_relaxed_when_ratings_are_scarce()
    {
        var o = new SyntheticOptions { Users = 100, Movies = 300, Ratings = 750, Seed = 5 };
        Assert.Equal(7, o.EffectiveMinRatingsPerUser);
        using var dir = new TempDirectory();
        var summary = SyntheticCsv.Generate(o, dir.Path);
        Assert.Equal(7, summary.MinRatingsPerUser);
        var perUser = SyntheticCsv.ReadRatings(dir.Path).GroupBy(r => r.User).Select(g => g.Count()).ToArray();
        Assert.Equal(100, perUser.Length);
        Assert.All(perUser, c => Assert.True(c >= 7));
        Assert.Equal(750, perUser.Sum());
    }

    [Fact]
    public void Minimum_is_relaxed_to_the_number_of_movies_and_a_full_matrix_works()
    {
        var o = new SyntheticOptions { Users = 30, Movies = 12, Ratings = 360, Seed = 5, TagApplications = 10 };
        Assert.Equal(12, o.EffectiveMinRatingsPerUser);
        using var dir = new TempDirectory();
        SyntheticCsv.Generate(o, dir.Path);
        var ratings = SyntheticCsv.ReadRatings(dir.Path);
        Assert.Equal(360, ratings.Select(r => (r.User, r.Movie)).Distinct().Count());
        Assert.Equal(10, SyntheticCsv.ReadTags(dir.Path).Count);
    }

    [Fact]
    public void One_rating_per_user_and_no_tags_work()
    {
        var o = new SyntheticOptions { Users = 50, Movies = 1, Ratings = 50, TagApplications = 0, LatentFactors = 1 };
        using var dir = new TempDirectory();
        var summary = SyntheticCsv.Generate(o, dir.Path);
        Assert.Equal(1, summary.MinRatingsPerUser);
        Assert.Equal(50, SyntheticCsv.ReadRatings(dir.Path).Count);
        Assert.Empty(SyntheticCsv.ReadTags(dir.Path));
        Assert.Equal(0, summary.DistinctTags);
    }
}
