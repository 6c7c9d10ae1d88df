using System.Text.Json;
using System.Text.Json.Serialization;
using HybridRec.Model.Serialization;

namespace HybridRec.Bench.Reports;

/// <summary>The JSON report of the main job (<c>--report PATH</c>); field names are snake_case.</summary>
internal sealed class RunReport
{
    public string Dataset { get; set; } = "";
    public string Source { get; set; } = "";
    public string Split { get; set; } = "";
    public string Preset { get; set; } = "";
    public long Seed { get; set; }
    public string Backend { get; set; } = "";
    public string Device { get; set; } = "";
    public int Users { get; set; }
    public int Movies { get; set; }
    public int Genres { get; set; }
    public int Tags { get; set; }
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
    public double LoadSeconds { get; set; }
    public double TrainSeconds { get; set; }
    public double WallSeconds { get; set; }
    public double SamplesPerSecond { get; set; }
    public long PeakMemoryBytes { get; set; }
    public int User { get; set; }
    public List<ReportRecommendation> Recommendations { get; set; } = [];
    public List<ReportEpoch> History { get; set; } = [];

    private static readonly JsonSerializerOptions Json = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        WriteIndented = true,
        NumberHandling = JsonNumberHandling.AllowNamedFloatingPointLiterals,
    };

    /// <summary>Writes the report atomically.</summary>
    public void Save(string path) => AtomicFile.WriteAllText(path, JsonSerializer.Serialize(this, Json) + Environment.NewLine);
}

/// <summary>A recommendation in the report.</summary>
internal sealed record ReportRecommendation(
    [property: JsonPropertyName("movieId")] int MovieId,
    [property: JsonPropertyName("title")] string Title,
    [property: JsonPropertyName("predicted_rating")] double PredictedRating);

/// <summary>One epoch in the report.</summary>
internal sealed record ReportEpoch(int Epoch, double TrainRmse, double ValidationRmse, double ValidationRmseStars, double Seconds, double SamplesPerSecond);
