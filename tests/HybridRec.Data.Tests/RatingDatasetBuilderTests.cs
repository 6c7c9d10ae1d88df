namespace HybridRec.Data.Tests;

/// <summary>Building a dataset in code.</summary>
public class RatingDatasetBuilderTests
{
    private static RatingDatasetBuilder Shop() => new RatingDatasetBuilder("shop")
        .DefineItemFeatureGroup("category", FeatureKind.MultiHot)
        .DefineItemFeatureGroup("brand", FeatureKind.Categorical)
        .DefineUserFeatureGroup("segment", FeatureKind.Categorical)
        .AddItem(30, "Drill").AddItemFeatures(30, "category", "tools", "electric").AddItemFeatures(30, "brand", "Acme")
        .AddItem(10, "Kettle").AddItemFeatures(10, "category", "kitchen", "electric").AddItemFeatures(10, "brand", "Acme")
        .AddItem(20).AddItemFeatures(20, "category", "kitchen")
        .AddUserFeatures(7, "segment", "student").AddUserFeatures(8, "segment", "retired")
        .AddRating(7, 10, 4).AddRating(7, 20, 2).AddRating(5, 30, 5).AddRating(5, 10, 1);

    [Fact]
    public void Builds_a_valid_dataset_with_groups_in_declared_order()
    {
        var ds = Shop().Build();
        Assert.Equal(DatasetFormats.InMemory, ds.Format);
        Assert.Equal([10, 20, 30], ds.Items.RawIds.ToArray());
        Assert.Equal(["Kettle", "", "Drill"], ds.ItemNames);
        Assert.Equal([5, 7], ds.Users.RawIds.ToArray());
        Assert.Equal(new RatingScale(1, 5, 1), ds.Scale);
        Assert.Equal(["category", "brand"], ds.ItemFeatures.Names);
        Assert.Equal(["electric", "kitchen", "tools"], ds.ItemFeatures["category"].Vocabulary);
        Assert.Equal(2, ds.ItemFeatures["brand"].RowsWithValue);
        Assert.Equal(1, ds.UserFeatures["segment"].RowsWithValue);            // user 8 has no rating
        Assert.Equal(1, ds.Report.UserProfilesWithoutRatings);
        Assert.Equal(3, ds.Report.FeatureGroups.Count);
        Assert.Equal(4, ds.Report.RatingsKept);
    }

    [Fact]
    public void Mistakes_are_rejected_with_a_clear_message()
    {
        Assert.Contains("item 99", Assert.Throws<ArgumentException>(() => Shop().AddRating(5, 99, 3).Build()).Message);
        Assert.Contains("already added", Assert.Throws<ArgumentException>(() => Shop().AddItem(10)).Message);
        Assert.Contains("no item feature group named 'color'", Assert.Throws<ArgumentException>(() => Shop().AddItemFeatures(10, "color", "red")).Message);
        Assert.Contains("categorical and already holds 'Acme'", Assert.Throws<ArgumentException>(() => Shop().AddItemFeatures(10, "brand", "Borg")).Message);
        Assert.Contains("has not been added", Assert.Throws<ArgumentException>(() => Shop().AddItemFeatures(77, "brand", "Borg")).Message);
        Assert.Contains("not a valid feature group name", Assert.Throws<ArgumentException>(() => Shop().DefineItemFeatureGroup("Brand Name", FeatureKind.Categorical)).Message);
        Assert.Contains("outside the rating scale", Assert.Throws<ArgumentException>(() => { var b = Shop(); b.Scale = new RatingScale(1, 4, 1); b.Build(); }).Message);
        Assert.Contains("no rating scale can be inferred", Assert.Throws<ArgumentException>(() => new RatingDatasetBuilder().AddItem(1).AddRating(1, 1, 3).Build()).Message);
        var b = Shop().AddRating(7, 10, 5);
        b.Duplicates = DuplicateRatingPolicy.Error;
        Assert.Contains("rated item 10 twice", Assert.Throws<DatasetFormatException>(() => b.Build()).Message);
    }

    [Fact]
    public void Feature_groups_validate_their_kind_and_name()
    {
        var twoValues = SparseFeatures.FromRows([[0, 1]], ["a", "b"]);
        Assert.Contains("categorical", Assert.Throws<ArgumentException>(() => new FeatureGroup("brand", FeatureKind.Categorical, twoValues)).Message);
        Assert.Equal([1, 1], new FeatureGroup("tags", FeatureKind.MultiHot, twoValues).Counts);
        Assert.False(FeatureGroup.IsValidName("Genres"));
        Assert.False(FeatureGroup.IsValidName("1st"));
        Assert.True(FeatureGroup.IsValidName("price_band2"));
        var groups = new FeatureGroupCollection([new FeatureGroup("tags", FeatureKind.MultiHot, twoValues)]);
        Assert.Contains("have: tags", Assert.Throws<KeyNotFoundException>(() => groups["genres"]).Message);
        Assert.Contains("no feature group named 'genres'", Assert.Throws<ArgumentException>(() => groups.Select(["genres"])).Message);
        Assert.Empty(groups.Select([]));
        Assert.Same(groups, groups.Select(null));
    }
}
