using System.Reflection;
using HybridRec.Data;
using HybridRec.Kernels;
using HybridRec.Model.Backends;
using HybridRec.Model.Evaluation;
using HybridRec.Model.Training;
using HybridRec.Model.Tuning;

namespace HybridRec.Model.Tests;

/// <summary>What the public API returns cannot be used to change the library's own state.</summary>
public class ReadOnlySurfaceTests
{
    [Fact]
    public void NoPublicPropertyOrFieldOfThePackagesHandsOutAnArray()
    {
        Assembly[] packages = [typeof(RatingTable).Assembly, typeof(ComputeDevice).Assembly, typeof(HybridModel).Assembly];
        var offenders = packages
            .SelectMany(a => a.GetExportedTypes())
            .SelectMany(t => t.GetProperties(BindingFlags.Public | BindingFlags.Instance | BindingFlags.Static | BindingFlags.DeclaredOnly)
                .Where(p => p.GetMethod is { IsPublic: true } && p.PropertyType.IsArray).Select(p => $"{t.FullName}.{p.Name}")
                .Concat(t.GetFields(BindingFlags.Public | BindingFlags.Instance | BindingFlags.Static | BindingFlags.DeclaredOnly)
                    .Where(f => f.FieldType.IsArray).Select(f => $"{t.FullName}.{f.Name}")))
            .ToList();
        Assert.Empty(offenders);
    }

    [Fact]
    public void AUserHistoryCopiesTheRowsItIsGiven()
    {
        int[] offsets = [0, 2, 3];
        int[] items = [1, 4, 0];
        var history = new UserHistory(offsets, items);
        Assert.Equal(offsets, history.Offsets);
        Assert.Equal(items, history.Items);

        items[0] = 3;
        offsets[1] = 1;
        Assert.Equal([1, 4], history.Of(0));
        Assert.True(history.Contains(0, 1));
        Assert.False(history.Contains(0, 3));
        Assert.Equal([0, 2, 3], history.Offsets);
    }

    [Fact]
    public void AUserHistoryStillChecksItsOffsets()
    {
        Assert.Throws<ArgumentException>(() => new UserHistory([0, 2], [1]));
        Assert.Throws<ArgumentException>(() => new UserHistory([], []));
    }

    [Fact]
    public void APopularityRankerCopiesTheCountsItIsGiven()
    {
        int[] counts = [3, 9, 1];
        var ranker = new PopularityRanker(counts);
        counts[2] = 100;
        Assert.Equal(1, ranker.CountOf(2));
        Assert.Equal([1, 0, 2], ranker.Ranking());
    }

    [Fact]
    public void TheBestScoreSoFarIsComputedOnceAndReadOnly()
    {
        var result = new TuningResult([Trial(0, 0.9), Trial(1, double.NaN), Trial(2, 0.7), Trial(3, 0.8)]);
        Assert.Equal([0.9, 0.9, 0.7, 0.7], result.BestSoFar);
    }

    [Fact]
    public void AModelCopiesTheParametersItIsCreatedFrom()
    {
        var (data, options) = TinyData();
        var parameters = RandomParameters(data, options, seed: 5);
        var model = HybridModel.Create(data, data.Ratings, options, 0.5f, parameters);
        var before = model.PredictStars(1, 6);

        Array.Clear(parameters);
        Assert.Equal(before, model.PredictStars(1, 6));
        // The change would have mattered: a model made from the changed array predicts otherwise.
        Assert.NotEqual(before, HybridModel.Create(data, data.Ratings, options, 0.5f, parameters).PredictStars(1, 6));
    }

    [Fact]
    public void TheListsAModelHandsOutCannotBeCastBackAndWritten()
    {
        var (data, options) = TinyData();
        var model = HybridModel.Create(data, data.Ratings, options, 0.5f, RandomParameters(data, options, seed: 7));
        var user = model.FoldInUser([(model.Items.GetRawId(0), 4f)]);
        var choice = new ChoiceParameter("batch", 64, 128);
        string name = model.ItemNames[0];

        Assert.Throws<NotSupportedException>(() => ((IList<string>)model.ItemNames)[0] = "renamed");
        Assert.Throws<NotSupportedException>(() => ((IList<int>)model.ItemFeatures[0].Counts)[0] = -1);
        Assert.Throws<NotSupportedException>(() => ((IList<(int, float)>)user.Ratings)[0] = (0, 0f));
        Assert.Throws<NotSupportedException>(() => ((IList<double>)choice.Values)[0] = 1);
        Assert.Equal(name, model.ItemNames[0]);
        Assert.Equal([64d, 128d], choice.Values);
    }

    /// <summary>Six items in one genre group, four users with three half-star ratings each, and a small model's options.</summary>
    private static (RatingDataset Data, HybridModelOptions Options) TinyData()
    {
        var b = new RatingDatasetBuilder("copy") { Scale = RatingScale.HalfStars };
        b.DefineItemFeatureGroup("genres", FeatureKind.MultiHot);
        for (int m = 1; m <= 6; m++) b.AddItem(m, $"Item {m}").AddItemFeatures(m, "genres", $"g{m % 3}");
        for (int u = 1; u <= 4; u++)
            for (int m = 1; m <= 3; m++) b.AddRating(u, m + u - 1, 0.5f + (u * m) % 10 * 0.5f);
        return (b.Build(), new HybridModelOptions { EmbeddingSize = 3, NeuralWidth = 2, UserFeatureGroups = [] });
    }

    /// <summary>A parameter block for <paramref name="options"/> over <paramref name="data"/>, uniform in ±0.1 from <paramref name="seed"/>.</summary>
    private static float[] RandomParameters(RatingDataset data, HybridModelOptions options, long seed)
    {
        int count = BackendSetup.Create(data, options, new AdamOptions(), 0f).Layout.Count;
        var rng = new SeededRandom(seed);
        return Enumerable.Range(0, count).Select(_ => (rng.NextSingle() - 0.5f) * 0.2f).ToArray();
    }

    private static TrialResult Trial(int number, double score) =>
        new(number, new TrialParameters([new("x", number)]), score, TimeSpan.Zero, new Dictionary<string, double>());
}
