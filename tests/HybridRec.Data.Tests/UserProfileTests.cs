namespace HybridRec.Data.Tests;

/// <summary>The user profiles of ml-100k (u.user) and ml-1m (users.dat) as the user feature groups age, gender, occupation and zip.</summary>
public class UserProfileTests
{
    private static string[] ValuesOf(RatingDataset ds, string group, int userId)
    {
        var g = ds.UserFeatures[group];
        return g.Values.Row(ds.Users.GetIndex(userId)).ToArray().Select(j => g.Vocabulary[j]).ToArray();
    }

    [Fact]
    public void Ml100k_profiles_become_categorical_user_groups_with_ages_in_bands()
    {
        using var dir = Fixtures.Ml100k();
        var ds = MovieLensLoader.Load(dir.Path);
        Assert.Equal(["age", "gender", "occupation", "zip"], ds.UserFeatures.Names);
        Assert.All(ds.UserFeatures, g => Assert.Equal(FeatureKind.Categorical, g.Kind));
        Assert.All(ds.UserFeatures, g => Assert.Equal(ds.Users.Count, g.Rows));
        // u.user: 22|25|M|writer|40206, 186|39|F|executive|00000, 196|49|M|writer|55105
        Assert.Equal(["25-34"], ValuesOf(ds, "age", 22));
        Assert.Equal(["35-44"], ValuesOf(ds, "age", 186));
        Assert.Equal(["45-49"], ValuesOf(ds, "age", 196));
        Assert.Equal(["F"], ValuesOf(ds, "gender", 186));
        Assert.Equal(["writer"], ValuesOf(ds, "occupation", 196));
        Assert.Equal(["0"], ValuesOf(ds, "zip", 186));
        Assert.Equal(["executive", "writer"], ds.UserFeatures["occupation"].Vocabulary);
        Assert.Equal([1, 2], ds.UserFeatures["occupation"].Counts);
        Assert.Equal(3, ds.Report.UserProfilesRead);
        Assert.Equal(0, ds.Report.UsersWithoutProfile);
    }

    [Fact]
    public void Ml1m_codes_map_to_the_bands_and_occupation_names_of_its_readme()
    {
        using var dir = Fixtures.Ml1m();
        var ds = MovieLensLoader.Load(dir.Path);
        // users.dat: 1::F::1::10::48067, 2::M::56::16::70072, 3::M::25::15::55117
        Assert.Equal(["under 18"], ValuesOf(ds, "age", 1));
        Assert.Equal(["56+"], ValuesOf(ds, "age", 2));
        Assert.Equal(["25-34"], ValuesOf(ds, "age", 3));
        Assert.Equal(["K-12 student"], ValuesOf(ds, "occupation", 1));
        Assert.Equal(["self-employed"], ValuesOf(ds, "occupation", 2));
        Assert.Equal(["scientist"], ValuesOf(ds, "occupation", 3));
        Assert.Equal(["4"], ValuesOf(ds, "zip", 1));
        Assert.Equal(["M"], ValuesOf(ds, "gender", 3));
    }

    [Fact]
    public void Ml100k_age_bands_cover_every_age()
    {
        // One user per band edge; each rates movie 1.
        int[] ages = [7, 17, 18, 24, 25, 34, 35, 44, 45, 49, 50, 55, 56, 73];
        string users = string.Concat(ages.Select((a, i) => $"{i + 1}|{a}|M|other|12345\n"));
        string data = string.Concat(ages.Select((_, i) => $"{i + 1}\t1\t3\t1\n"));
        using var dir = Fixtures.Ml100k().Text("u.user", users).Text("u.data", data);
        File.Delete(dir.File("u1.base"));
        File.Delete(dir.File("u1.test"));
        var ds = MovieLensLoader.Load(dir.Path);
        string[] expected = ["under 18", "under 18", "18-24", "18-24", "25-34", "25-34", "35-44", "35-44", "45-49", "45-49", "50-55", "50-55", "56+", "56+"];
        Assert.Equal(expected, ages.Select((_, i) => ValuesOf(ds, "age", i + 1).Single()));
    }

    [Fact]
    public void Users_without_a_profile_and_profiles_without_ratings_are_counted()
    {
        using var dir = Fixtures.Ml1m().Text("users.dat", "1::F::1::10::48067\n3::M::25::15::55117\n9::M::35::1::10001\n");
        var ds = MovieLensLoader.Load(dir.Path);
        Assert.Equal(3, ds.Report.UserProfilesRead);
        Assert.Equal(1, ds.Report.UserProfilesWithoutRatings);   // user 9 has no rating
        Assert.Equal(1, ds.Report.UsersWithoutProfile);          // user 2 has no profile
        Assert.Empty(ValuesOf(ds, "age", 2));
        Assert.Equal(2, ds.UserFeatures["age"].RowsWithValue);
        Assert.Contains(ds.Report.Warnings, w => w.Contains("1 profiles of users without a kept rating"));
        Assert.Contains(ds.Report.Warnings, w => w.Contains("1 users with ratings have no profile"));
    }

    [Fact]
    public void The_report_lists_every_feature_group()
    {
        using var dir = Fixtures.Ml100k();
        var ds = MovieLensLoader.Load(dir.Path);
        Assert.Equal(["item genres", "item tags", "user age", "user gender", "user occupation", "user zip"],
            ds.Report.FeatureGroups.Select(g => $"{(g.Entity == FeatureEntity.Item ? "item" : "user")} {g.Name}"));
        var occupation = ds.Report.FeatureGroups.Single(g => g.Name == "occupation");
        Assert.Equal((FeatureKind.Categorical, 2, 3, 3), (occupation.Kind, occupation.VocabularySize, occupation.RowsWithValue, occupation.Rows));
        var genres = ds.Report.FeatureGroups.Single(g => g.Name == "genres");
        Assert.Equal((FeatureKind.MultiHot, 19), (genres.Kind, genres.VocabularySize));
        Assert.Contains("feature group: user occupation (categorical): 2 values, 3 of 3 users with a value", ds.Report.ToString());
    }

    [Fact]
    public void User_features_can_be_switched_off()
    {
        using var dir = Fixtures.Ml1m();
        var ds = MovieLensLoader.Load(dir.Path, new MovieLensLoadOptions { UserFeatures = false });
        Assert.Empty(ds.UserFeatures);
        Assert.Equal(3, ds.Report.UserProfilesRead);   // still counted
        Assert.DoesNotContain(ds.Report.FeatureGroups, g => g.Entity == FeatureEntity.User);
    }

    [Fact]
    public void Releases_without_profiles_have_no_user_groups()
    {
        using var dir = Fixtures.CsvRelease();
        var ds = MovieLensLoader.Load(dir.Path);
        Assert.Empty(ds.UserFeatures);
        Assert.Equal(["genres", "tags"], ds.ItemFeatures.Names);
        Assert.Equal(DatasetFormats.MovieLensCsv, ds.Format);
    }

    public static TheoryData<string, string, long, string, string> BadProfiles => new()
    {
        { "ml1m", "1::F::1::10::48067\n2::M::57::16::70072\n", 2, "Age", "57" },
        { "ml1m", "1::F::1::10::48067\n2::X::56::16::70072\n", 2, "Gender", "X" },
        { "ml1m", "1::F::1::21::48067\n", 1, "Occupation", "21" },
        { "ml1m", "1::F::1::ten::48067\n", 1, "Occupation", "ten" },
        { "ml1m", "1::F::1::10::\n", 1, "Zip-code", "" },
        { "ml1m", "1::F::1::10::48067\n2::M::56::16::70072\n1::F::18::3::1\n", 3, "UserID", "1" },
        { "ml100k", "22|25|M|writer|40206\n186|0|F|executive|00000\n", 2, "age", "0" },
        { "ml100k", "22|twenty|M|writer|40206\n", 1, "age", "twenty" },
        { "ml100k", "22|25|W|writer|40206\n", 1, "gender", "W" },
        { "ml100k", "22|25|M| |40206\n", 1, "occupation", "" },
        { "ml100k", "22|25|M|writer\n", 1, "zip code", "22|25|M|writer" },
        { "ml100k", "22|25|M|writer|40206\n22|26|M|writer|40206\n", 2, "user id", "22" },
    };

    [Theory]
    [MemberData(nameof(BadProfiles))]
    public void A_malformed_profile_names_file_line_and_field(string release, string profiles, long line, string field, string text)
    {
        string file = release == "ml1m" ? "users.dat" : "u.user";
        using var dir = (release == "ml1m" ? Fixtures.Ml1m() : Fixtures.Ml100k()).Text(file, profiles);
        var e = Assert.Throws<DatasetFormatException>(() => MovieLensLoader.Load(dir.Path));
        Assert.Equal(dir.File(file), e.File);
        Assert.Equal(line, e.Line);
        Assert.Equal(field, e.Field);
        Assert.Equal(text, e.Text);
    }
}
