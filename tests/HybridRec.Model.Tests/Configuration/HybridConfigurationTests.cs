using HybridRec.Data;
using HybridRec.Model.Training;
using HybridRec.Model.Tuning;

namespace HybridRec.Model.Tests.Configuration;

/// <summary>The presets, the library defaults they come from, JSON files of configurations and the searches' trial mapping.</summary>
public sealed class HybridConfigurationTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("hybridrec-config-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    [Fact]
    public void TheLibraryDefaultsAreTheTunedConfiguration()
    {
        var tuned = HybridPresets.Tuned;
        Assert.Equal(new HybridConfiguration(), tuned);
        var m = new HybridModelOptions();
        Assert.Equal((20, 30, 0.15f, true, 1.69e-4f, 7.97e-5f, 5.8e-5f), (m.EmbeddingSize, m.ResolvedNeuralWidth, m.EmbeddingInitRange, m.UseBiases, m.EmbeddingL2, m.EmbeddingTableL2, m.DenseL2));
        Assert.Equal(6, m.ResolveTowerWidth(FeatureEntity.Item, "genres"));
        Assert.Equal(2, m.ResolveTowerWidth(FeatureEntity.Item, "tags"));
        Assert.Equal(10, m.ResolveTowerWidth(FeatureEntity.User, "age"));          // E/2 for every other tower
        Assert.Null(m.UserFeatureGroups);                                           // every user group of the data
        var t = new TrainingOptions();
        Assert.Equal((30, 64, 3, true, true, 10, 5.93e-4f, AdamVariant.Dense), (t.Epochs, t.BatchSize, t.Patience, t.RestoreBestEpoch, t.RefitOnAllData, t.EnsembleSize, t.Adam.LearningRate, t.Adam.Variant));
        Assert.Equal(2, tuned.MinTagCount);
    }

    [Fact]
    public void TheOriginalPresetIsTheNotebook()
    {
        var o = HybridPresets.Original;
        Assert.Same(o, HybridPresets.Get("seed"));
        Assert.Same(o, HybridPresets.Get("original"));
        Assert.Same(HybridPresets.Tuned, HybridPresets.Get("tuned"));
        Assert.Equal((50, 25, 0.05f, false, 0f, 0f, 0f), (o.Model.EmbeddingSize, o.Model.ResolvedNeuralWidth, o.Model.EmbeddingInitRange, o.Model.UseBiases, o.Model.EmbeddingL2, o.Model.EmbeddingTableL2, o.Model.DenseL2));
        Assert.Equal(25, o.Model.ResolveTowerWidth(FeatureEntity.Item, "genres"));
        Assert.Equal(25, o.Model.ResolveTowerWidth(FeatureEntity.Item, "tags"));
        Assert.Empty(o.Model.UserFeatureGroups!);
        Assert.Equal((10, 64, (int?)null, false, false, 1, 1e-3f), (o.Training.Epochs, o.Training.BatchSize, o.Training.Patience, o.Training.RestoreBestEpoch, o.Training.RefitOnAllData, o.Training.EnsembleSize, o.Training.Adam.LearningRate));
        Assert.Equal(10, o.MinTagCount);
        Assert.Contains("unknown preset 'best'", Assert.Throws<ArgumentException>(() => HybridPresets.Get("best")).Message);
    }

    [Fact]
    public void ConfigurationFilesRoundTripWithoutTheRunSettings()
    {
        string path = Path.Combine(_dir, "config.json");
        var config = HybridPresets.Tuned with
        {
            Model = HybridPresets.Tuned.Model with { EmbeddingSize = 17, UserTowerWidths = new Dictionary<string, int> { ["age"] = 3 }, ItemFeatureGroups = ["genres"] },
            Training = HybridPresets.Tuned.Training with { Adam = new AdamOptions { LearningRate = 0.002f }, Seed = 99, Threads = 3 },
            MinTagCount = 4,
        };
        config.Save(path);
        string json = File.ReadAllText(path);
        Assert.Contains("\"embedding_size\": 17", json);
        Assert.Contains("\"variant\": \"dense\"", json);
        Assert.Contains("\"age\": 3", json);
        Assert.DoesNotContain("seed", json);       // run settings are not part of a configuration
        Assert.DoesNotContain("threads", json);
        var loaded = HybridConfiguration.Load(path);
        Assert.Equal(config with { Training = config.Training with { Seed = TrainingOptions.DefaultSeed, Threads = 0 } }, loaded);

        // Fields left out keep the library's (tuned) defaults.
        File.WriteAllText(path, "{ \"model\": { \"embedding_size\": 8 } }");
        Assert.Equal(HybridPresets.Tuned with { Model = HybridPresets.Tuned.Model with { EmbeddingSize = 8 } }, HybridConfiguration.Load(path));
    }

    [Theory]
    [InlineData("{ \"model\": { \"embedding_sise\": 8 } }", "embedding_sise")]
    [InlineData("{ \"training\": { \"epochs\": \"many\" } }", "$.training.epochs")]
    [InlineData("{ \"training\": { \"seed\": 3 } }", "seed")]
    [InlineData("{ \"training\": { \"adam\": { \"variant\": \"lazy\" } } }", "needs dense Adam")]
    [InlineData("{ \"model\": { \"embedding_size\": 0 } }", "EmbeddingSize must be at least 1")]
    [InlineData("{ \"min_tag_count\": 0 }", "min_tag_count must be at least 1")]
    [InlineData("[1, 2]", "not a valid HybridRec configuration")]
    [InlineData("{ \"training\": { \"adam\": null } }", "$.training.adam")]
    [InlineData("{ \"model\": null }", "$.model")]
    public void BadConfigurationFilesNameTheFileAndTheField(string json, string expected)
    {
        string path = Path.Combine(_dir, "bad.json");
        File.WriteAllText(path, json);
        var e = Assert.Throws<InvalidDataException>(() => HybridConfiguration.Load(path));
        Assert.Contains(path, e.Message);
        Assert.Contains(expected, e.Message);
    }

    [Fact]
    public void SearchTrialsMapOntoTheirPresets()
    {
        var tpe = HybridSearch.TpeSpace;
        var p = new TrialParameters(tpe.Select(s => new KeyValuePair<string, double>(s.Name, s.Name switch
        {
            "embedding_size" => 12, "learning_rate" => 0.004, "batch_size" => 256, "neural_width" => 9, "genre_width" => 5, "tag_width" => 3, "min_tag_count" => 7,
            _ => 1e-4,
        })));
        var trial = HybridSearch.TpeTrial(HybridPresets.Tuned, p, maxEpochs: 11);
        Assert.Equal((12, 9, 256, 11, 7), (trial.Model.EmbeddingSize, trial.Model.ResolvedNeuralWidth, trial.Training.BatchSize, trial.Training.Epochs, trial.MinTagCount));
        Assert.Equal(0.004f, trial.Training.Adam.LearningRate);
        Assert.Equal(5, trial.Model.ResolveTowerWidth(FeatureEntity.Item, "genres"));
        Assert.Equal(3, trial.Model.ResolveTowerWidth(FeatureEntity.Item, "tags"));
        Assert.Equal(HybridPresets.Tuned.Training.EnsembleSize, trial.Training.EnsembleSize);   // what the search does not set comes from the preset

        var grid = HybridSearch.Grid();
        Assert.Equal(27, grid.Count);
        var point = HybridSearch.GridTrial(HybridPresets.Original, grid.GetPoint(26));
        Assert.Equal((100, 1024, 10), (point.Model.EmbeddingSize, point.Training.BatchSize, point.Training.Epochs));
        Assert.False(point.Model.UseBiases);
    }
}
