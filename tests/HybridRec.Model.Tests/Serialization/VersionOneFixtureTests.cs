namespace HybridRec.Model.Tests.Serialization;

/// <summary>
/// A model file written in format version 1 (before feature groups): a 2-member ensemble with biases, E = 6,
/// widths 5/4/2, trained on the tests' synthetic dataset (20 users, 30 movies). The predictions and the
/// recommendations below were recorded when the file was written; loading it must reproduce them exactly.
/// </summary>
public sealed class VersionOneFixtureTests
{
    private static string FixturePath => Path.Combine(AppContext.BaseDirectory, "Serialization", "Fixtures", "model-v1.hrec");

    [Fact]
    public void VersionOneFileLoadsAndPredictsAsRecorded()
    {
        var model = HybridModel.Load(FixturePath);
        // Version 1 knew only the genre and tag towers: they are the item groups, with the widths of the old options.
        Assert.Equal(["genres", "tags"], model.ItemFeatures.Names);
        Assert.Empty(model.UserFeatures);
        Assert.Equal(["item_genres_kernel", "item_genres_bias", "item_tags_kernel", "item_tags_bias"],
            model.Layout.ItemTowers.SelectMany(t => new[] { t.Kernel.Name, t.Bias.Name }));
        Assert.Equal([4, 2], model.Layout.ItemTowers.Select(t => t.Width));
        Assert.Equal(5, model.Layout.Hn);
        Assert.True(model.Options.UseBiases);
        Assert.Equal(2, model.Members.Count);
        Assert.Equal(20, model.Users.Count);
        Assert.Equal(30, model.Items.Count);
        foreach (var (user, movie, stars) in new[] { (1, 10, 2.099738f), (1, 300, 3.1383352f), (5, 120, 2.7133691f), (12, 70, 1.7809827f), (20, 250, 3.4256914f), (7, 10, 2.0022802f) })
            Assert.Equal(stars, model.PredictStars(user, movie));
        var recs = model.Recommend(3, 5);
        Assert.Equal(new[] { 230, 100, 270, 180, 110 }, recs.Select(r => r.ItemId));
        Assert.Equal(new[] { "Movie 23", "Movie 10", "Movie 27", "Movie 18", "Movie 11" }, recs.Select(r => r.Name));
        Assert.Equal(new[] { 4.4217186f, 4.145445f, 4.124201f, 3.7293446f, 3.7283669f }, recs.Select(r => r.PredictedRating));
    }

    [Fact]
    public void VersionOneFileSavesAsTheCurrentVersionWithTheSamePredictions()
    {
        var model = HybridModel.Load(FixturePath);
        string path = Path.Combine(Directory.CreateTempSubdirectory("hybridrec-v1-").FullName, "current.hrec");
        try
        {
            model.Save(path);
            Assert.Equal(HybridRec.Model.Serialization.ModelFile.FormatVersion, BitConverter.ToInt32(File.ReadAllBytes(path), 16));
            var again = HybridModel.Load(path);
            Assert.Equal(model.Options, again.Options);
            Assert.Equal(model.PredictStars(12, 70), again.PredictStars(12, 70));
            Assert.Equal(model.Recommend(3, 5), again.Recommend(3, 5));
        }
        finally { Directory.Delete(Path.GetDirectoryName(path)!, recursive: true); }
    }
}
