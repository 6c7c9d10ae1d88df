using System.Text;

namespace HybridRec.Data.Tests;

public class DatReleaseTests
{
    [Fact]
    public void Ml1m_layout_is_whole_stars_and_decodes_latin1_titles()
    {
        using var dir = Fixtures.Ml1m();
        var ds = MovieLensLoader.Load(dir.Path);

        Assert.Equal(DatasetFormats.MovieLensDat, ds.Format);
        Assert.Equal(RatingScale.WholeStars, ds.Scale);
        Assert.Contains("ml-1m", ds.Report.Release);
        Assert.Equal("Misérables, Les (1995)", ds.NameOf(2));
        Assert.Equal("Star Wars: Episode IV - A New Hope (1977)", ds.NameOf(3));
        Assert.Equal("What Is It?: (1999)", ds.NameOf(4));
        Assert.Equal([1, 2, 3], ds.Users.RawIds.ToArray());
        Assert.Equal([5f, 3f, 4f, 1f], ds.Ratings.Stars);
        Assert.Equal(3, ds.Report.UserProfilesRead);
        Assert.Equal(1, ds.Report.ItemsWithoutRatings); // movie 4
        Assert.Equal(["Action", "Animation", "Children's", "Comedy", "Drama", "Musical", "Sci-Fi"], ds.ItemFeatures["genres"].Values.Vocabulary);
        Assert.Equal(0f, ds.Scale.Normalize(1f));
        Assert.Equal(1f, ds.Scale.Normalize(5f));
        Assert.Contains(ds.Report.Warnings, w => w.Contains("no tag file"));
    }

    [Fact]
    public void Ml10m_layout_is_half_stars_utf8_with_tags_and_crlf()
    {
        using var dir = Fixtures.Ml10m();
        var ds = MovieLensLoader.Load(dir.Path, new MovieLensLoadOptions { MinTagCount = 1 });

        Assert.Equal(DatasetFormats.MovieLensDat, ds.Format);
        Assert.Equal(RatingScale.HalfStars, ds.Scale);
        Assert.Contains("ml-10m", ds.Report.Release);
        Assert.Equal("Amélie (Fabuleux destin d'Amélie Poulain, Le) (2001)", ds.NameOf(2));
        Assert.Equal("Brother Where Art Thou: (2000)", ds.NameOf(3));
        Assert.Equal([4.5f, 0.5f, 3f], ds.Ratings.Stars);
        Assert.Contains("(no genres listed)", ds.ItemFeatures["genres"].Values.Vocabulary);

        // "café" and "Café " normalise to one tag; a tag ending in ':' stays whole.
        Assert.Equal(["café", "odd: tag:", "pixar"], ds.ItemFeatures["tags"].Values.Vocabulary);
        Assert.Equal(4, ds.Report.TagApplicationsRead);
        Assert.Equal(3, ds.Report.TagPairsKept);
        Assert.Equal(1, ds.Report.TagApplicationsDuplicate);
        Assert.Equal([0], ds.ItemFeatures["tags"].Values.Row(ds.Items.GetIndex(2)).ToArray());
    }

    [Fact]
    public void Ml10m_text_that_is_not_utf8_falls_back_to_latin1_with_a_warning()
    {
        using var dir = Fixtures.Ml10m()
            .Text("movies.dat", "1::Toy Story (1995)::Comedy\n2::Amélie (2001)::Comedy\n3::C (2000)::Drama\n", encoding: Encoding.Latin1);
        var ds = MovieLensLoader.Load(dir.Path);
        Assert.Equal("Amélie (2001)", ds.NameOf(2));
        Assert.Contains(ds.Report.Warnings, w => w.Contains("movies.dat") && w.Contains("Latin-1"));
    }

    [Fact]
    public void Title_ending_in_a_colon_before_the_separator_stays_whole()
    {
        // "Plain:::Comedy" is the title "Plain:" then the separator, not "Plain" then ":Comedy".
        using var dir = Fixtures.Ml1m().Text("movies.dat", "1::A (1990)::Drama\n2::Plain:::Comedy\n3::C::Drama\n4::D::Drama\n");
        var ds = MovieLensLoader.Load(dir.Path);
        Assert.Equal("Plain:", ds.NameOf(2));
        Assert.Equal(["Comedy"], ds.ItemFeatures["genres"].Values.Row(ds.Items.GetIndex(2)).ToArray().Select(j => ds.ItemFeatures["genres"].Values.Vocabulary[j]));
    }

    [Fact]
    public void Dat_without_users_or_tags_is_read_as_ml10m_with_a_warning()
    {
        using var dir = Fixtures.Ml1m();
        File.Delete(dir.File("users.dat"));
        var ds = MovieLensLoader.Load(dir.Path);
        Assert.Equal(RatingScale.HalfStars, ds.Scale);
        Assert.Contains(ds.Report.Warnings, w => w.Contains("neither users.dat"));
    }

    [Fact]
    public void Zip_of_a_dat_release_loads()
    {
        using var dir = Fixtures.Ml1m();
        var ds = MovieLensLoader.Load(dir.Zip("ml-1m.zip", "ml-1m"));
        Assert.Equal("ml-1m", ds.Name);
        Assert.Equal("Misérables, Les (1995)", ds.NameOf(2));
    }
}
