using System.Globalization;
using System.Text;
using HybridRec.Data;
using HybridRec.Model.Training;

namespace HybridRec.Model.Tests.EndToEnd;

/// <summary>
/// A shop's data, not MovieLens: items with two feature groups (category, multi-hot; brand, categorical) and users
/// with one (segment, categorical), built in code and imported from CSV files, trained and served through the public
/// API only.
/// </summary>
public sealed class OwnDataTests : IDisposable
{
    private const int Users = 90, Items = 30;
    private static readonly string[] Brands = ["acme", "borg", "cyan"];
    private static readonly string[] Categories = ["kitchen", "tools", "garden", "electric"];
    private static readonly string[] Segments = ["student", "family", "retired"];
    private readonly string _dir = Directory.CreateTempSubdirectory("hybridrec-own-data-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private static int BrandOf(int item) => item % Brands.Length;
    private static string[] CategoriesOf(int item) => [Categories[item % 4], .. item % 3 == 0 ? new[] { "electric" } : []];
    private static int SegmentOf(int user) => user % Segments.Length;

    /// <summary>Each segment likes one brand (4–5 stars) and dislikes the others (1–3), deterministic.</summary>
    private static IEnumerable<(int User, int Item, float Rating)> Ratings()
    {
        var rng = new SeededRandom(11);
        for (int u = 0; u < Users; u++)
            for (int i = 0; i < Items; i++)
            {
                if (rng.NextDouble() > 0.5) continue;
                float rating = BrandOf(i) == SegmentOf(u) ? 4 + rng.NextInt(2) : 1 + rng.NextInt(3);
                yield return (u + 100, i + 1000, rating);
            }
    }

    private static RatingDataset Build()
    {
        var b = new RatingDatasetBuilder("shop")
            .DefineItemFeatureGroup("category", FeatureKind.MultiHot)
            .DefineItemFeatureGroup("brand", FeatureKind.Categorical)
            .DefineUserFeatureGroup("segment", FeatureKind.Categorical);
        for (int i = 0; i < Items; i++)
            b.AddItem(i + 1000, $"Product {i}").AddItemFeatures(i + 1000, "category", CategoriesOf(i)).AddItemFeatures(i + 1000, "brand", Brands[BrandOf(i)]);
        for (int u = 0; u < Users; u++) b.AddUserFeatures(u + 100, "segment", Segments[SegmentOf(u)]);
        foreach (var (user, item, rating) in Ratings()) b.AddRating(user, item, rating);
        return b.Build();
    }

    private RatingDataset Import()
    {
        var items = new StringBuilder("item,name,category,brand\n");
        for (int i = 0; i < Items; i++) items.Append(CultureInfo.InvariantCulture, $"{i + 1000},Product {i},{string.Join("|", CategoriesOf(i))},{Brands[BrandOf(i)]}\n");
        var users = new StringBuilder("user,segment\n");
        for (int u = 0; u < Users; u++) users.Append(CultureInfo.InvariantCulture, $"{u + 100},{Segments[SegmentOf(u)]}\n");
        var ratings = new StringBuilder("user,item,rating\n");
        foreach (var (user, item, rating) in Ratings()) ratings.Append(CultureInfo.InvariantCulture, $"{user},{item},{rating}\n");
        File.WriteAllText(Path.Combine(_dir, "items.csv"), items.ToString());
        File.WriteAllText(Path.Combine(_dir, "users.csv"), users.ToString());
        File.WriteAllText(Path.Combine(_dir, "ratings.csv"), ratings.ToString());
        return CsvDatasetImporter.Load(new CsvImportOptions
        {
            RatingsFile = Path.Combine(_dir, "ratings.csv"),
            ItemsFile = Path.Combine(_dir, "items.csv"),
            UsersFile = Path.Combine(_dir, "users.csv"),
            Name = "shop",
        });
    }

    /// <summary>The tuned defaults with a learning rate for this small data (about 15 batches an epoch), two members trained in turn.</summary>
    private static HybridConfiguration Configuration => new()
    {
        Training = new TrainingOptions
        {
            Epochs = 30, BatchSize = 32, EnsembleSize = 2, ConcurrentMembers = 1, Threads = 1, ProgressInterval = 0,
            Adam = new AdamOptions { LearningRate = 0.01f },
        },
    };

    [Fact]
    public void ADatasetBuiltInCodeTrainsAndRecommends()
    {
        var data = Build();
        var split = RatingSplits.Random(data.Ratings, 0.2, seed: 3);
        var result = HybridTrainer.Train(data, split.Train, Configuration);
        var model = result.Model;

        Assert.Equal(["category", "brand"], model.ItemFeatures.Names);
        Assert.Equal(["segment"], model.UserFeatures.Names);
        Assert.Equal(3, model.Layout.Towers.Count);

        // The brand-by-segment structure is learnt: far better than predicting the mean.
        double mean = split.Train.Stars.ToArray().Average();
        double meanRmse = Math.Sqrt(split.Test.Stars.ToArray().Select(s => (s - mean) * (s - mean)).Average());
        double rmse = model.Evaluate(split.Test).RmseStars;
        Assert.True(rmse < 0.8 * meanRmse, $"test RMSE {rmse:F3} vs mean predictor {meanRmse:F3}");

        // Recommendations: unseen items, best first; the items of the brand the user's segment likes are predicted higher.
        int userId = 100;
        var seen = Enumerable.Range(0, split.Train.Count).Where(i => split.Train.Users[i] == data.Users.GetIndex(userId)).Select(i => data.Items.GetRawId(split.Train.Items[i])).ToHashSet();
        var recs = model.Recommend(userId, 5);
        Assert.Equal(5, recs.Count);
        Assert.All(recs, r => Assert.DoesNotContain(r.ItemId, seen));
        Assert.All(recs, r => Assert.Equal($"Product {r.ItemId - 1000}", r.Name));
        // Ranked by the score (the tuned default's ranking head); each carries the rating head's prediction.
        Assert.True(model.Layout.HasRankingHead);
        for (int i = 1; i < recs.Count; i++) Assert.True(recs[i - 1].Score >= recs[i].Score);
        Assert.All(recs, r => Assert.Equal(model.PredictStars(userId, r.ItemId), r.PredictedRating));
        var unseen = Enumerable.Range(1000, Items).Where(id => !seen.Contains(id)).ToList();
        double liked = unseen.Where(id => BrandOf(id - 1000) == SegmentOf(0)).Average(id => model.PredictStars(userId, id));
        double others = unseen.Where(id => BrandOf(id - 1000) != SegmentOf(0)).Average(id => model.PredictStars(userId, id));
        Assert.True(liked > others + 0.5, $"liked brand {liked:F2} vs others {others:F2}");

        // Saved and loaded, it serves the same.
        string path = Path.Combine(_dir, "shop.hrec");
        model.Save(path);
        Assert.Equal(recs, HybridModel.Load(path).Recommend(userId, 5));
    }

    [Fact]
    public void TheSameDataImportedFromCsvFilesGivesTheSameModel()
    {
        var built = Build();
        var imported = Import();
        Assert.Equal(DatasetFormats.Csv, imported.Format);
        Assert.Equal(built.Items.RawIds.ToArray(), imported.Items.RawIds.ToArray());
        Assert.Equal(built.Users.RawIds.ToArray(), imported.Users.RawIds.ToArray());
        Assert.Equal(built.ItemNames, imported.ItemNames);
        Assert.Equal(built.Scale, imported.Scale);
        Assert.Equal(built.Ratings.Stars, imported.Ratings.Stars);
        foreach (var (a, b) in built.ItemFeatures.Concat(built.UserFeatures).Zip(imported.ItemFeatures.Concat(imported.UserFeatures)))
        {
            Assert.Equal((a.Name, a.Kind), (b.Name, b.Kind));
            Assert.Equal(a.Vocabulary, b.Vocabulary);
            Assert.Equal(a.Values.Indices, b.Values.Indices);
        }

        var config = Configuration with { Training = Configuration.Training with { Epochs = 3, EnsembleSize = 1 } };
        var fromCode = HybridTrainer.Train(built, RatingSplits.Random(built.Ratings, 0.2, 3).Train, config).Model;
        var fromCsv = HybridTrainer.Train(imported, RatingSplits.Random(imported.Ratings, 0.2, 3).Train, config).Model;
        Assert.Equal(fromCode.Members, fromCsv.Members);
        Assert.Equal(fromCode.Recommend(101, 3), fromCsv.Recommend(101, 3));
    }

    [Fact]
    public void UserTowersCanBeLeftOutAndGroupsSelected()
    {
        var data = Build();
        var train = RatingSplits.Random(data.Ratings, 0.2, 3).Train;
        var config = Configuration with
        {
            Model = Configuration.Model with { UserFeatureGroups = [], ItemFeatureGroups = ["brand"] },
            Training = Configuration.Training with { Epochs = 1, EnsembleSize = 1 },
        };
        var model = HybridTrainer.Train(data, train, config).Model;
        Assert.Equal(["brand"], model.ItemFeatures.Names);
        Assert.Empty(model.UserFeatures);
        var e = Assert.Throws<ArgumentException>(() => HybridTrainer.Train(data, train, config with { Model = config.Model with { ItemFeatureGroups = ["colour"] } }));
        Assert.Contains("no feature group named 'colour' (have: category, brand)", e.Message);
    }
}
