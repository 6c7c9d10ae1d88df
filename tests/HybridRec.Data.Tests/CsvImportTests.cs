using System.Text;

namespace HybridRec.Data.Tests;

/// <summary>The CSV import of anyone's data: ratings, items with feature columns, optional users.</summary>
public class CsvImportTests
{
    private const string Items =
        "item,name,category,brand,price_band\n" +
        "10,Kettle,kitchen|electric,Acme,low\n" +
        "20,\"Pan, large\",kitchen,Borg,mid\n" +
        "30,Drill,tools|electric,Acme,high\n" +
        "40,Unrated,,,\n";

    private const string Ratings =
        "user,item,rating,timestamp\n" +
        "1,10,4,100\n" +
        "1,20,2,101\n" +
        "2,10,5,102\n" +
        "2,30,3,103\n" +
        "3,20,1,104\n";

    private const string Users =
        "user,segment\n" +
        "1,student\n" +
        "2,retired\n" +
        "9,student\n";

    private static TempDir Files(string ratings = Ratings, string items = Items, string? users = Users, string newline = "\n", bool bom = false)
    {
        var dir = new TempDir();
        var encoding = new UTF8Encoding(bom);
        dir.Text("ratings.csv", ratings, newline, encoding).Text("items.csv", items, newline, encoding);
        if (users is not null) dir.Text("users.csv", users, newline, encoding);
        return dir;
    }

    private static CsvImportOptions Options(TempDir dir, bool users = true) => new()
    {
        RatingsFile = dir.File("ratings.csv"),
        ItemsFile = dir.File("items.csv"),
        UsersFile = users ? dir.File("users.csv") : null,
    };

    private static string[] ValuesOf(FeatureGroup g, int row) => g.Values.Row(row).ToArray().Select(j => g.Vocabulary[j]).ToArray();

    [Fact]
    public void Imports_items_with_feature_groups_ratings_and_users()
    {
        using var dir = Files();
        var ds = CsvDatasetImporter.Load(Options(dir));
        Assert.Equal(DatasetFormats.Csv, ds.Format);
        Assert.Equal("ratings", ds.Name);
        Assert.Equal([10, 20, 30, 40], ds.Items.RawIds.ToArray());
        Assert.Equal(["Kettle", "Pan, large", "Drill", "Unrated"], ds.ItemNames);
        Assert.Equal([1, 2, 3], ds.Users.RawIds.ToArray());
        Assert.Equal(5, ds.Ratings.Count);
        Assert.Equal(new RatingScale(1, 5, 1), ds.Scale);

        Assert.Equal(["category", "brand", "price_band"], ds.ItemFeatures.Names);
        var category = ds.ItemFeatures["category"];
        Assert.Equal(FeatureKind.MultiHot, category.Kind);                       // a cell holds a | list
        Assert.Equal(["electric", "kitchen", "tools"], category.Vocabulary);
        Assert.Equal(["electric", "kitchen"], ValuesOf(category, ds.Items.GetIndex(10)));
        Assert.Empty(ValuesOf(category, ds.Items.GetIndex(40)));
        Assert.Equal(FeatureKind.Categorical, ds.ItemFeatures["brand"].Kind);
        Assert.Equal([2, 1], ds.ItemFeatures["brand"].Counts);                  // Acme ×2, Borg ×1

        var segment = ds.UserFeatures["segment"];
        Assert.Equal(FeatureKind.Categorical, segment.Kind);
        Assert.Equal(["student"], ValuesOf(segment, ds.Users.GetIndex(1)));
        Assert.Empty(ValuesOf(segment, ds.Users.GetIndex(3)));                  // user 3 is not in users.csv
        Assert.Equal(3, ds.Report.UserProfilesRead);
        Assert.Equal(1, ds.Report.UserProfilesWithoutRatings);                  // user 9
        Assert.Equal(1, ds.Report.UsersWithoutProfile);                         // user 3
        Assert.Equal(1, ds.Report.ItemsWithoutRatings);                         // item 40
        Assert.Contains(dir.File("ratings.csv") + ": timestamp", ds.Report.IgnoredColumns);
        Assert.Equal(4, ds.Report.FeatureGroups.Count);
        ds.Validate();
    }

    [Fact]
    public void Crlf_and_bom_read_the_same_as_lf()
    {
        using var lf = Files();
        using var crlf = Files(newline: "\r\n", bom: true);
        var a = CsvDatasetImporter.Load(Options(lf));
        var b = CsvDatasetImporter.Load(Options(crlf));
        Assert.Equal(a.ItemNames, b.ItemNames);
        Assert.Equal(a.Ratings.Stars, b.Ratings.Stars);
        Assert.Equal(a.ItemFeatures["category"].Vocabulary, b.ItemFeatures["category"].Vocabulary);
        Assert.Equal(a.ItemFeatures["price_band"].Values.Indices, b.ItemFeatures["price_band"].Values.Indices);
        Assert.Equal(a.UserFeatures["segment"].Values.Indices, b.UserFeatures["segment"].Values.Indices);
    }

    [Fact]
    public void Column_names_feature_selection_forced_kinds_and_a_given_scale_are_honoured()
    {
        using var dir = Files(
            ratings: "customer,product,stars\n1,10,4.5\n2,20,0.5\n",
            items: "product,title,category,brand\n10,A,x|y,Acme\n20,B,x,Borg\n",
            users: null);
        var ds = CsvDatasetImporter.Load(new CsvImportOptions
        {
            RatingsFile = dir.File("ratings.csv"), ItemsFile = dir.File("items.csv"),
            UserColumn = "customer", ItemColumn = "product", RatingColumn = "stars",
            ItemFeatureColumns = ["category"],
            FeatureKinds = new Dictionary<string, FeatureKind> { ["category"] = FeatureKind.Categorical },
            Scale = RatingScale.HalfStars,
        });
        Assert.Equal(["A", "B"], ds.ItemNames);                                  // the title column
        Assert.Equal(["category"], ds.ItemFeatures.Names);
        Assert.Equal(FeatureKind.Categorical, ds.ItemFeatures["category"].Kind);
        Assert.Equal(["x", "x|y"], ds.ItemFeatures["category"].Vocabulary);      // forced categorical keeps the cell whole
        Assert.Contains(dir.File("items.csv") + ": brand", ds.Report.IgnoredColumns);
        Assert.Equal(RatingScale.HalfStars, ds.Scale);
        Assert.Empty(ds.UserFeatures);
    }

    [Fact]
    public void The_scale_is_inferred_from_the_smallest_gap()
    {
        using var dir = Files(ratings: "user,item,rating\n1,10,1\n1,20,2.5\n2,10,3\n2,30,5\n", users: null);
        Assert.Equal(new RatingScale(1, 5, 0.5f), CsvDatasetImporter.Load(Options(dir, users: false)).Scale);
    }

    [Fact]
    public void Duplicates_follow_the_policy()
    {
        string ratings = "user,item,rating\n1,10,2\n1,10,4\n2,20,5\n";
        using var dir = Files(ratings: ratings, users: null);
        var ds = CsvDatasetImporter.Load(Options(dir, users: false));
        Assert.Equal(1, ds.Report.DuplicateRatings);
        Assert.Equal([4f, 5f], ds.Ratings.Stars);
        var e = Assert.Throws<DatasetFormatException>(() => CsvDatasetImporter.Load(Options(dir, users: false) with { Duplicates = DuplicateRatingPolicy.Error }));
        Assert.Equal(3, e.Line);
        Assert.Contains("rated item 10 twice", e.Message);
    }

    public static TheoryData<string, string, string, long, string> BadFiles => new()
    {
        // file, ratings, items, line, field
        { "ratings.csv", Ratings + "4,99,3,105\n", Items, 7, "item" },                       // an item missing from items.csv
        { "ratings.csv", Ratings + "4,10,three,105\n", Items, 7, "rating" },
        { "ratings.csv", Ratings + "x,10,3,105\n", Items, 7, "user" },
        { "ratings.csv", Ratings + "4,10\n", Items, 7, "rating" },                         // too few fields
        { "ratings.csv", Ratings + "4,10,3,105,9\n", Items, 7, "field 5" },                // too many fields
        { "ratings.csv", "user,item,score\n1,10,3\n", Items, 1, "rating" },                // the rating column is missing
        { "ratings.csv", Ratings + "4,10,3.3,105\n", Items, 3, "rating" },                 // 3.3 makes the inferred step 0.3, so the 2 of line 3 is off it
        { "ratings.csv", "user,item,rating\n1,10,4\n", Items, 0, "rating" },               // one distinct value: no scale
        { "items.csv", Ratings, Items + "20,Again,kitchen,Acme,low\n", 6, "item" },         // an item listed twice
        { "items.csv", Ratings, Items + "50,Bad \"quote\",kitchen,Acme,low\n", 6, "" },     // a stray quote
        { "items.csv", Ratings, "id,name\n10,A\n", 1, "item" },                            // the id column is missing
        { "items.csv", Ratings, "item,Price-Band,price band\n10,a,b\n", 1, "price band" }, // two columns give one group name
        { "items.csv", Ratings, "", 1, "header" },
    };

    [Theory]
    [MemberData(nameof(BadFiles))]
    public void Bad_input_names_file_line_and_field(string file, string ratings, string items, long line, string field)
    {
        using var dir = Files(ratings: ratings, items: items, users: null);
        var e = Assert.Throws<DatasetFormatException>(() => CsvDatasetImporter.Load(Options(dir, users: false)));
        Assert.Equal(dir.File(file), e.File);
        Assert.Equal(line, e.Line);
        Assert.Equal(field, e.Field);
    }

    [Fact]
    public void A_bad_users_file_names_its_line()
    {
        using var dir = Files(users: Users + "1,again\n");
        var e = Assert.Throws<DatasetFormatException>(() => CsvDatasetImporter.Load(Options(dir)));
        Assert.Equal((dir.File("users.csv"), 5L, "user"), (e.File, e.Line, e.Field));
        Assert.Contains("user 1 is already listed on line 2", e.Message);
    }

    [Fact]
    public void A_missing_file_is_named()
    {
        using var dir = Files(users: null);
        var e = Assert.Throws<FileNotFoundException>(() => CsvDatasetImporter.Load(Options(dir)));
        Assert.Contains("users.csv", e.Message);
    }

    [Theory]
    [InlineData("Price Band", "price_band")]
    [InlineData("  Genres ", "genres")]
    [InlineData("2024 sales", "f_2024_sales")]
    [InlineData("a--b__c", "a_b_c")]
    public void Column_names_become_group_names(string column, string group) =>
        Assert.Equal(group, Import.EntityFile.GroupNameOf(column));
}
