using System.Text.Json;
using System.Text.Json.Serialization;
using HybridRec.Data;
using HybridRec.Model;
using HybridRec.Model.Evaluation;
using HybridRec.Model.Serialization;
using HybridRec.Model.Training;

namespace HybridRec.Bench.Reports;

/// <summary>The JSON report of the main job (<c>--report PATH</c>); field names are snake_case.</summary>
internal sealed class RunReport
{
    public string Dataset { get; set; } = "";
    public string Source { get; set; } = "";
    public string Format { get; set; } = "";
    public string Split { get; set; } = "";
    public string Preset { get; set; } = "";
    public long Seed { get; set; }
    public string Backend { get; set; } = "";
    public string Device { get; set; } = "";
    public int Users { get; set; }
    public int Items { get; set; }
    public List<ReportFeatureGroup> ItemFeatureGroups { get; set; } = [];
    public List<ReportFeatureGroup> UserFeatureGroups { get; set; } = [];
    public int MinTagCount { get; set; }
    public long Ratings { get; set; }
    public int TrainRatings { get; set; }
    public int ValidationRatings { get; set; }
    public int TestRatings { get; set; }
    public int EmbeddingSize { get; set; }
    public int BatchSize { get; set; }
    public double LearningRate { get; set; }
    public string Adam { get; set; } = "";
    public bool Biases { get; set; }
    public double EmbeddingL2 { get; set; }
    public double DenseL2 { get; set; }
    public int Epochs { get; set; }
    public int BestEpoch { get; set; }
    public bool StoppedEarly { get; set; }
    public double TestRmse { get; set; }
    public double TestRmseNormalized { get; set; }
    public double TestMae { get; set; }
    public double TestMaeNormalized { get; set; }
    [JsonPropertyName("ndcg_at_10")]
    public double? NdcgAt10 { get; set; }
    [JsonPropertyName("precision_at_10")]
    public double? PrecisionAt10 { get; set; }
    [JsonPropertyName("recall_at_10")]
    public double? RecallAt10 { get; set; }
    [JsonPropertyName("hit_rate_at_10")]
    public double? HitRateAt10 { get; set; }
    [JsonPropertyName("map_at_10")]
    public double? MapAt10 { get; set; }
    [JsonPropertyName("coverage_at_10")]
    public double? CoverageAt10 { get; set; }
    public int? RankingUsers { get; set; }
    [JsonPropertyName("ndcg_at_10_popularity")]
    public double? NdcgAt10Popularity { get; set; }
    [JsonPropertyName("precision_at_10_popularity")]
    public double? PrecisionAt10Popularity { get; set; }
    [JsonPropertyName("recall_at_10_popularity")]
    public double? RecallAt10Popularity { get; set; }
    [JsonPropertyName("hit_rate_at_10_popularity")]
    public double? HitRateAt10Popularity { get; set; }
    [JsonPropertyName("map_at_10_popularity")]
    public double? MapAt10Popularity { get; set; }
    [JsonPropertyName("coverage_at_10_popularity")]
    public double? CoverageAt10Popularity { get; set; }
    public double? RelevantAtLeast { get; set; }
    public double LoadSeconds { get; set; }
    public double TrainSeconds { get; set; }
    public double WallSeconds { get; set; }
    public double SamplesPerSecond { get; set; }
    public long PeakMemoryBytes { get; set; }
    public int User { get; set; }
    public List<ReportRecommendation> Recommendations { get; set; } = [];
    public List<ReportEpoch> History { get; set; } = [];

    /// <summary>The report of a finished training run and its test metrics (ranking, recommendations and timings are added later).</summary>
    public static RunReport Create(RatingDataset data, RatingSplit split, HybridConfiguration config, TrainingResult result, RatingMetrics test, string preset, TimeSpan loadTime, int user)
    {
        var m = result.Model;
        return new RunReport
        {
            Dataset = data.Name, Source = data.Source, Format = data.Format, Split = split.Name, Preset = preset, Seed = config.Training.Seed,
            Backend = result.Backend, Device = result.Device,
            Users = data.Users.Count, Items = data.Items.Count,
            ItemFeatureGroups = m.ItemFeatures.Select(g => ReportFeatureGroup.Of(g, m.Options.ResolveTowerWidth(FeatureEntity.Item, g.Name))).ToList(),
            UserFeatureGroups = m.UserFeatures.Select(g => ReportFeatureGroup.Of(g, m.Options.ResolveTowerWidth(FeatureEntity.User, g.Name))).ToList(),
            MinTagCount = config.MinTagCount,
            Ratings = data.Ratings.Count, TrainRatings = result.TrainSamples, ValidationRatings = result.ValidationSamples, TestRatings = split.Test.Count,
            EmbeddingSize = config.Model.EmbeddingSize, BatchSize = config.Training.BatchSize, LearningRate = config.Training.Adam.LearningRate,
            Adam = Configuration.ConfigurationFlags.Name(config.Training.Adam.Variant),
            Biases = config.Model.UseBiases, EmbeddingL2 = config.Model.EmbeddingL2, DenseL2 = config.Model.DenseL2,
            Epochs = result.History.Count, BestEpoch = result.BestEpoch, StoppedEarly = result.StoppedEarly,
            TestRmse = test.RmseStars, TestRmseNormalized = test.Rmse, TestMae = test.MaeStars, TestMaeNormalized = test.Mae,
            LoadSeconds = loadTime.TotalSeconds, TrainSeconds = result.TrainTime.TotalSeconds, SamplesPerSecond = result.SamplesPerSecond,
            User = user,
            History = result.History.Select(h => new ReportEpoch(h.Epoch, h.TrainRmse, h.ValidationRmse, h.ValidationRmseStars, h.Duration.TotalSeconds, h.SamplesPerSecond)).ToList(),
        };
    }

    private static readonly JsonSerializerOptions Json = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        WriteIndented = true,
        NumberHandling = JsonNumberHandling.AllowNamedFloatingPointLiterals,
    };

    /// <summary>Writes the report atomically.</summary>
    public void Save(string path) => AtomicFile.WriteAllText(path, JsonSerializer.Serialize(this, Json) + Environment.NewLine);
}

/// <summary>A feature group with a tower in the trained model.</summary>
internal sealed record ReportFeatureGroup(string Name, string Kind, int Vocabulary, int RowsWithValue, int TowerWidth)
{
    public static ReportFeatureGroup Of(FeatureGroup g, int width) =>
        new(g.Name, g.Kind == FeatureKind.MultiHot ? "multi-hot" : "categorical", g.Vocabulary.Count, g.RowsWithValue, width);
}

/// <summary>A recommendation in the report.</summary>
internal sealed record ReportRecommendation(int ItemId, string Name, double Score, double PredictedRating);

/// <summary>One epoch in the report.</summary>
internal sealed record ReportEpoch(int Epoch, double TrainRmse, double ValidationRmse, double ValidationRmseStars, double Seconds, double SamplesPerSecond);
