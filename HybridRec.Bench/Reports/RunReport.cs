using System.Text.Json;
using System.Text.Json.Serialization;
using HybridRec.Bench.Configuration;
using HybridRec.Data;
using HybridRec.Model;
using HybridRec.Model.Evaluation;
using HybridRec.Model.Serialization;
using HybridRec.Model.Training;

namespace HybridRec.Bench.Reports;

/// <summary>
/// The JSON report of the main job (<c>--report PATH</c>); field names are snake_case. It holds every setting behind
/// the result (preset, configuration file, architecture, regularisation, optimiser, schedule, ensemble, refit) and
/// defines its counts and times once: <c>train_ratings</c> is the training split, each member fits on
/// <c>fit_ratings_per_member</c> of them and validates on <c>validation_ratings_per_member</c>; epochs are listed per
/// member and summed; <c>train_seconds</c> is the wall time of training and <c>samples_per_second</c> =
/// <c>samples_trained</c> / <c>train_seconds</c>, whatever the schedule; <c>member_step_samples_per_second</c> is the
/// members' own step throughput (their samples over their summed step time).
/// </summary>
internal sealed class RunReport
{
    public string Dataset { get; set; } = "";
    public string Source { get; set; } = "";
    public string Format { get; set; } = "";
    public string Split { get; set; } = "";
    public string Preset { get; set; } = "";
    public string? ConfigFile { get; set; }
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
    public int TestRatings { get; set; }
    public int FitRatingsPerMember { get; set; }
    public int ValidationRatingsPerMember { get; set; }
    public int RefitRatingsPerMember { get; set; }

    // The network and its regularisation.
    public int EmbeddingSize { get; set; }
    public double InitRange { get; set; }
    public int NeuralWidth { get; set; }
    public bool Biases { get; set; }
    public double EmbeddingL2 { get; set; }
    public double EmbeddingTableL2 { get; set; }
    public double DenseL2 { get; set; }

    // The objective: the rating MSE, plus the ranking head's sampled softmax when it is on.
    public string Loss { get; set; } = "mse";
    public string RankingLoss { get; set; } = "off";
    public int RankingEmbeddingSize { get; set; }
    public double? RankingWeight { get; set; }
    public int? RankingNegatives { get; set; }
    public string? RankingSampling { get; set; }
    public double? RankingPopularityExponent { get; set; }
    public bool? RankingLogqCorrection { get; set; }
    public double? RankingLearningRateScale { get; set; }
    public bool? RankingTableL2 { get; set; }
    /// <summary>β of the ranking score (the head's score + β × predicted rating on [0, 1]); 0 ranks by the head alone; null without a head.</summary>
    public double? RankingRatingBlend { get; set; }
    /// <summary>
    /// The ranking loss as trained: the mean sampled-softmax cross-entropy per training rating (natural log, unweighted; the
    /// rated item against its sampled negatives, logQ-corrected) of each member's last epoch that trained the head (its
    /// refit's last epoch when it refits), averaged over the members; null without a ranking head.
    /// </summary>
    [JsonPropertyName("ranking_loss_last_epoch")]
    public double? RankingLossLastEpoch { get; set; }

    // The optimiser and the schedule.
    public string Adam { get; set; } = "";
    public double LearningRate { get; set; }
    public double Epsilon { get; set; }
    public double Beta1 { get; set; }
    public double Beta2 { get; set; }
    public int BatchSize { get; set; }
    public int MaxEpochs { get; set; }
    public double ValidationFraction { get; set; }
    public int? Patience { get; set; }
    public bool RestoreBestEpoch { get; set; }
    public double LearningRateDecay { get; set; }
    public bool Refit { get; set; }
    public int EnsembleSize { get; set; }
    public int ConcurrentMembers { get; set; }

    // What training did.
    public List<int> EpochsPerMember { get; set; } = [];
    public int EpochsTotal { get; set; }
    public List<int> BestEpochs { get; set; } = [];
    public List<int> RefitEpochsPerMember { get; set; } = [];
    public int RefitEpochsTotal { get; set; }
    public bool StoppedEarly { get; set; }
    public long SamplesTrained { get; set; }
    public double TrainSeconds { get; set; }
    public double SamplesPerSecond { get; set; }
    public List<double> MemberStepSeconds { get; set; } = [];
    public List<long> MemberSamplesTrained { get; set; } = [];
    public double MemberStepSamplesPerSecond { get; set; }
    public long MemoryEstimateBytes { get; set; }
    public List<string> TrainingWarnings { get; set; } = [];

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
    public double WallSeconds { get; set; }
    public long PeakMemoryBytes { get; set; }
    public int User { get; set; }
    public List<ReportRecommendation> Recommendations { get; set; } = [];
    public List<ReportEpoch> History { get; set; } = [];

    /// <summary>The report of a finished training run and its test metrics (ranking, recommendations and timings are added later).</summary>
    public static RunReport Create(RatingDataset data, RatingSplit split, HybridConfiguration config, TrainingResult result, RatingMetrics test,
        string preset, string? configFile, TimeSpan loadTime, int user, MemoryEstimate memory)
    {
        var m = result.Model;
        var t = config.Training;
        var epochs = EpochsOf(result);
        var refits = RefitEpochsOf(result, split.Train.Count);
        var k = t.Ranking;
        bool head = config.Model.HasRankingHead;
        var lastRankingLoss = result.MemberRankingLosses.Where(x => x is not null).Select(x => x!.Value).ToList();
        return new RunReport
        {
            Loss = head ? "mse + ranking_weight · sampled softmax" : "mse",
            RankingLoss = head ? "softmax" : "off", RankingEmbeddingSize = config.Model.RankingEmbeddingSize,
            RankingWeight = head ? Exact(k.Weight) : null, RankingNegatives = head ? k.Negatives : null, RankingSampling = head ? ConfigurationText.Name(k.Sampling) : null,
            RankingPopularityExponent = head && k.Sampling == NegativeSampling.Popularity ? Exact(k.PopularityExponent) : null, RankingLogqCorrection = head ? k.LogQCorrection : null,
            RankingLearningRateScale = head ? Exact(k.LearningRateScale) : null, RankingTableL2 = head ? k.TableL2 : null,
            RankingRatingBlend = head ? Exact(config.Model.RankingRatingBlend) : null,
            RankingLossLastEpoch = lastRankingLoss.Count > 0 ? lastRankingLoss.Average() : null,
            Dataset = data.Name, Source = data.Source, Format = data.Format, Split = split.Name, Preset = preset, ConfigFile = configFile, Seed = t.Seed,
            Backend = result.Backend, Device = result.Device,
            Users = data.Users.Count, Items = data.Items.Count,
            ItemFeatureGroups = m.ItemFeatures.Select(g => ReportFeatureGroup.Of(g, m.Options.ResolveTowerWidth(FeatureEntity.Item, g.Name))).ToList(),
            UserFeatureGroups = m.UserFeatures.Select(g => ReportFeatureGroup.Of(g, m.Options.ResolveTowerWidth(FeatureEntity.User, g.Name))).ToList(),
            MinTagCount = config.MinTagCount,
            Ratings = data.Ratings.Count, TrainRatings = split.Train.Count, TestRatings = split.Test.Count,
            FitRatingsPerMember = result.TrainSamples, ValidationRatingsPerMember = result.ValidationSamples, RefitRatingsPerMember = refits.Sum() > 0 ? split.Train.Count : 0,
            EmbeddingSize = config.Model.EmbeddingSize, InitRange = Exact(config.Model.EmbeddingInitRange), NeuralWidth = config.Model.ResolvedNeuralWidth,
            Biases = config.Model.UseBiases, EmbeddingL2 = Exact(config.Model.EmbeddingL2), EmbeddingTableL2 = Exact(config.Model.EmbeddingTableL2), DenseL2 = Exact(config.Model.DenseL2),
            Adam = ConfigurationText.Name(t.Adam.Variant), LearningRate = Exact(t.Adam.LearningRate), Epsilon = Exact(t.Adam.Epsilon), Beta1 = Exact(t.Adam.Beta1), Beta2 = Exact(t.Adam.Beta2),
            BatchSize = t.BatchSize, MaxEpochs = t.Epochs, ValidationFraction = t.ValidationFraction, Patience = t.Patience, RestoreBestEpoch = t.RestoreBestEpoch,
            LearningRateDecay = Exact(t.LearningRateDecay), Refit = t.RefitOnAllData, EnsembleSize = t.EnsembleSize, ConcurrentMembers = result.ConcurrentMembers,
            EpochsPerMember = epochs, EpochsTotal = epochs.Sum(), BestEpochs = [.. result.BestEpochs], RefitEpochsPerMember = refits, RefitEpochsTotal = refits.Sum(),
            StoppedEarly = result.StoppedEarly,
            SamplesTrained = result.SamplesTrained, TrainSeconds = result.TrainTime.TotalSeconds, SamplesPerSecond = result.SamplesPerSecond,
            MemberStepSeconds = result.MemberTrainTimes.Select(x => x.TotalSeconds).ToList(), MemberSamplesTrained = [.. result.MemberSamplesTrained],
            MemberStepSamplesPerSecond = result.StepSamplesPerSecond, MemoryEstimateBytes = memory.TotalBytes, TrainingWarnings = [.. result.Warnings],
            TestRmse = test.RmseStars, TestRmseNormalized = test.Rmse, TestMae = test.MaeStars, TestMaeNormalized = test.Mae,
            LoadSeconds = loadTime.TotalSeconds,
            User = user,
            History = result.History.Select(h => new ReportEpoch(h.Member + 1, h.Epoch, h.TrainRmse, h.ValidationRmse, h.ValidationRmseStars, h.Duration.TotalSeconds, h.SamplesPerSecond, h.TrainRankingLoss)).ToList(),
        };
    }

    /// <summary>A float setting as the decimal it was written as (0.15, not 0.15000000596046448).</summary>
    private static double Exact(float value) => double.Parse(value.ToString("R", System.Globalization.CultureInfo.InvariantCulture), System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>Epochs each member trained on its fitting part (its validated epochs, before any refit).</summary>
    public static List<int> EpochsOf(TrainingResult result) =>
        Enumerable.Range(0, result.BestEpochs.Count).Select(m => result.History.Count(h => h.Member == m)).ToList();

    /// <summary>
    /// Epochs each member's refit trained on all <paramref name="trainRatings"/> training ratings (its best epoch count; 0
    /// without a refit), from the samples it processed beyond its epochs over its fitting part.
    /// </summary>
    public static List<int> RefitEpochsOf(TrainingResult result, int trainRatings)
    {
        var epochs = EpochsOf(result);
        return epochs.Select((e, m) => (int)((result.MemberSamplesTrained[m] - (long)e * result.TrainSamples) / Math.Max(1, trainRatings))).ToList();
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

/// <summary>One epoch of one member (1-based) in the report; <c>samples_per_second</c> is that member's over the epoch's training steps.</summary>
internal sealed record ReportEpoch(int Member, int Epoch, double TrainRmse, double ValidationRmse, double ValidationRmseStars, double Seconds, double SamplesPerSecond, double? RankingLoss = null);
