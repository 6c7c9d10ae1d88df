using System.Text.Json;
using HybridRec.Data.Synthetic;
using HybridRec.Model;
using Xunit;

namespace HybridRec.Bench.Tests.Cli;

/// <summary>The main job end to end on a tiny synthetic release, and the command line's error policy.</summary>
public sealed class MainJobTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("hybridrec-bench-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private static (int Code, string Out, string Err) Run(params string[] args) => Bench.Run(args);

    private string TinyRelease()
    {
        string data = Path.Combine(_dir, "tiny");
        SyntheticMovieLens.Write(new SyntheticOptions { Users = 40, Movies = 60, Ratings = 1_600, TagApplications = 300, TagVocabulary = 12, Seed = 5 }, data);
        return data;
    }

    [Fact]
    public void MainJobTrainsEvaluatesRecommendsAndWritesTheReport()
    {
        string data = TinyRelease();
        string report = Path.Combine(_dir, "report.json");
        string model = Path.Combine(_dir, "model.hrec");
        string export = Path.Combine(_dir, "split");
        var (code, output, error) = Run("movielens", "--data", data, "--epochs", "2", "--batch-size", "32", "--min-tag-count", "2",
            "--user", "7", "--save", model, "--report", report, "--seed", "3", "--export-split", export);
        Assert.True(code == 0, error);
        Assert.Contains("test RMSE", output);
        Assert.Contains("ranking @10 (relevant: test rating ≥ 4.0", output);
        Assert.Contains("popularity @10 (most training ratings first", output);
        Assert.Contains("top 3 for user 7:", output);
        Assert.Contains("split exported:", output);
        Assert.True(File.Exists(model));

        using var json = JsonDocument.Parse(File.ReadAllText(report));
        var root = json.RootElement;
        foreach (var field in new[] { "test_rmse", "test_rmse_normalized", "test_mae", "epochs_per_member", "epochs_total", "batch_size", "train_seconds", "samples_per_second",
                     "preset", "config_file", "ensemble_size", "concurrent_members", "refit", "embedding_l2", "embedding_table_l2", "dense_l2", "init_range",
                     "neural_width", "learning_rate", "epsilon", "patience", "validation_fraction", "train_ratings", "fit_ratings_per_member",
                     "validation_ratings_per_member", "refit_epochs_per_member", "member_step_samples_per_second", "memory_estimate_bytes", "loss",
                     "users", "items", "item_feature_groups", "user_feature_groups", "format", "user", "recommendations", "ndcg_at_10", "precision_at_10", "recall_at_10", "coverage_at_10", "backend", "device",
                     "ndcg_at_10_popularity", "precision_at_10_popularity", "recall_at_10_popularity", "hit_rate_at_10_popularity", "map_at_10_popularity", "coverage_at_10_popularity" })
            Assert.True(root.TryGetProperty(field, out _), $"report lacks '{field}'");
        Assert.Equal(7, root.GetProperty("user").GetInt32());
        // The report says which settings produced the result, and defines its counts once.
        Assert.Equal("tuned", root.GetProperty("preset").GetString());
        Assert.Equal(JsonValueKind.Null, root.GetProperty("config_file").ValueKind);
        Assert.Equal(HybridPresets.Tuned.Training.EnsembleSize, root.GetProperty("ensemble_size").GetInt32());
        Assert.True(root.GetProperty("refit").GetBoolean());
        Assert.Equal(0.0, root.GetProperty("ranking_rating_blend").GetDouble());   // the default ranks by the head alone
        Assert.Equal(HybridPresets.Tuned.Model.EmbeddingTableL2, (float)root.GetProperty("embedding_table_l2").GetDouble());   // written as the decimal 7.97e-05
        Assert.Equal(HybridPresets.Tuned.Model.EmbeddingInitRange, (float)root.GetProperty("init_range").GetDouble());
        int train = root.GetProperty("train_ratings").GetInt32(), fit = root.GetProperty("fit_ratings_per_member").GetInt32();
        int validation = root.GetProperty("validation_ratings_per_member").GetInt32();
        Assert.Equal(1_280, train);                                   // the training split of 1,600 ratings
        Assert.Equal(train, fit + validation);                        // each member fits on the training split less its validation part
        Assert.Equal(128, validation);
        Assert.Equal(train, root.GetProperty("refit_ratings_per_member").GetInt32());
        var epochs = root.GetProperty("epochs_per_member").EnumerateArray().Select(e => e.GetInt32()).ToList();
        var refits = root.GetProperty("refit_epochs_per_member").EnumerateArray().Select(e => e.GetInt32()).ToList();
        var best = root.GetProperty("best_epochs").EnumerateArray().Select(e => e.GetInt32()).ToList();
        Assert.Equal(HybridPresets.Tuned.Training.EnsembleSize, epochs.Count);
        Assert.Equal(epochs.Sum(), root.GetProperty("epochs_total").GetInt32());
        Assert.Equal(best, refits);                                    // each refit runs for its member's best epoch count
        Assert.Equal(refits.Sum(), root.GetProperty("refit_epochs_total").GetInt32());
        long samples = root.GetProperty("samples_trained").GetInt64();
        Assert.Equal(epochs.Sum() * (long)fit + refits.Sum() * (long)train, samples);
        Assert.Equal(samples, root.GetProperty("member_samples_trained").EnumerateArray().Sum(e => e.GetInt64()));
        Assert.Equal(samples / root.GetProperty("train_seconds").GetDouble(), root.GetProperty("samples_per_second").GetDouble(), 6);
        Assert.Equal(epochs.Sum(), root.GetProperty("history").GetArrayLength());
        // The console says the same.
        Assert.Contains($"{string.Join(", ", epochs)} epochs", output);
        Assert.Contains($"({epochs.Sum()} in all)", output);
        Assert.Contains($"{samples:N0} samples, ", output);
        Assert.Equal(32, root.GetProperty("batch_size").GetInt32());
        Assert.Equal(40, root.GetProperty("users").GetInt32());
        Assert.Equal(60, root.GetProperty("items").GetInt32());
        Assert.Equal(["genres", "tags"], root.GetProperty("item_feature_groups").EnumerateArray().Select(g => g.GetProperty("name").GetString()));
        Assert.Equal("movielens-csv", root.GetProperty("format").GetString());
        double rmse = root.GetProperty("test_rmse").GetDouble(), normalized = root.GetProperty("test_rmse_normalized").GetDouble();
        Assert.Equal(rmse, normalized * 4.5, 6);
        var recs = root.GetProperty("recommendations");
        Assert.Equal(3, recs.GetArrayLength());
        foreach (var r in recs.EnumerateArray())
        {
            Assert.True(r.GetProperty("item_id").GetInt32() > 0);
            Assert.False(string.IsNullOrEmpty(r.GetProperty("name").GetString()));
            Assert.InRange(r.GetProperty("predicted_rating").GetDouble(), 0.5, 5.0);
        }
        var scores = recs.EnumerateArray().Select(r => r.GetProperty("score").GetDouble()).ToArray();
        Assert.Equal(scores.OrderDescending(), scores);

        // The exported split is the one the job used, and the reported baseline is popularity on it with the protocol.
        var loaded = HybridRec.Data.MovieLensLoader.Load(data, new HybridRec.Data.MovieLensLoadOptions { MinTagCount = 2 });
        var split = HybridRec.Data.RatingSplits.Random(loaded.Ratings, 0.2, 3);
        Assert.Equal(split.Train.Count + 1, File.ReadAllLines(Path.Combine(export, "train.csv")).Length);
        Assert.Equal(root.GetProperty("test_ratings").GetInt32() + 1, File.ReadAllLines(Path.Combine(export, "test.csv")).Length);
        var popularity = HybridRec.Model.Evaluation.RankingEvaluator.EvaluatePopularity(split.Train, split.Test, loaded.Users.Count, loaded.Items.Count);
        Assert.Equal(popularity.Ndcg, root.GetProperty("ndcg_at_10_popularity").GetDouble(), 12);
        Assert.Equal(popularity.Recall, root.GetProperty("recall_at_10_popularity").GetDouble(), 12);
        Assert.Equal(4.0, root.GetProperty("relevant_at_least").GetDouble());
    }

    [Fact]
    public void TheSameSeedReproducesTheReportedRmse()
    {
        string data = TinyRelease();
        double Rmse(string seed)
        {
            string report = Path.Combine(_dir, $"r{seed}-{Guid.NewGuid():N}.json");
            var (code, _, error) = Run("movielens", "--data", data, "--epochs", "2", "--batch-size", "16", "--seed", seed, "--report", report, "--no-ranking");
            Assert.True(code == 0, error);
            using var json = JsonDocument.Parse(File.ReadAllText(report));
            return json.RootElement.GetProperty("test_rmse").GetDouble();
        }
        Assert.Equal(Rmse("11"), Rmse("11"));
        Assert.NotEqual(Rmse("11"), Rmse("12"));
    }

    [Fact]
    public void BadDataGivesOneLineNamingFileLineAndField()
    {
        string data = TinyRelease();
        var lines = File.ReadAllLines(Path.Combine(data, "ratings.csv"));
        lines[5] = "1,1,7.5,1000000000";
        File.WriteAllLines(Path.Combine(data, "ratings.csv"), lines);
        var (code, _, error) = Run("movielens", "--data", data, "--epochs", "1");
        Assert.Equal(1, code);
        Assert.Single(error.TrimEnd().Split('\n'));
        Assert.Contains("ratings.csv line 6", error);
        Assert.Contains("rating", error);
        Assert.Contains("7.5", error);
        Assert.DoesNotContain("   at ", error); // no stack trace
    }

    [Fact]
    public void UnknownUserIsAUsageError()
    {
        string data = TinyRelease();
        var (code, _, error) = Run("movielens", "--data", data, "--epochs", "1", "--user", "99999");
        Assert.Equal(2, code);
        Assert.Contains("--user 99999: no such user", error);
    }

    [Fact]
    public void TheRatingBlendIsPrintedAndReported()
    {
        string data = TinyRelease();
        string report = Path.Combine(_dir, "blend.json");
        var (code, output, error) = Run("movielens", "--data", data, "--epochs", "1", "--ensemble", "1", "--rating-blend", "2.5", "--report", report);
        Assert.True(code == 0, error);
        Assert.Contains("ranked by the head + 2.5 × predicted rating", output);
        using var json = JsonDocument.Parse(File.ReadAllText(report));
        Assert.Equal(2.5, json.RootElement.GetProperty("ranking_rating_blend").GetDouble());

        var (off, _, offError) = Run("movielens", "--data", data, "--epochs", "1", "--ensemble", "1", "--ranking-loss", "off", "--report", report);
        Assert.True(off == 0, offError);
        using var offJson = JsonDocument.Parse(File.ReadAllText(report));
        Assert.Equal(JsonValueKind.Null, offJson.RootElement.GetProperty("ranking_rating_blend").ValueKind);
    }

    [Fact]
    public void TheTunedPresetRefitsAndWithoutAValidationPartTrainsOnEverything()
    {
        string data = TinyRelease();
        var (code, output, error) = Run("movielens", "--data", data, "--epochs", "2", "--ensemble", "2", "--no-ranking");
        Assert.True(code == 0, error);
        Assert.Contains("refit on all", output);
        Assert.Contains($"(init ±{HybridPresets.Tuned.Model.EmbeddingInitRange.ToString(System.Globalization.CultureInfo.InvariantCulture)})", output);
        Assert.Contains("item towers genres 6, tags 2, user towers none", output);
        Assert.Contains("feature groups: item genres (multi-hot)", output);

        var (code2, output2, error2) = Run("movielens", "--data", data, "--epochs", "1", "--validation", "0", "--no-ranking");
        Assert.True(code2 == 0, error2);
        Assert.DoesNotContain("refit", output2);

        var (code3, _, error3) = Run("movielens", "--data", data, "--epochs", "1", "--validation", "0", "--refit");
        Assert.Equal(2, code3);
        Assert.Contains("--refit needs a validation part", error3);

        var (code4, _, error4) = Run("movielens", "--data", data, "--epochs", "1", "--refit", "--no-refit");
        Assert.Equal(2, code4);
        Assert.Contains("contradict", error4);
    }
}
