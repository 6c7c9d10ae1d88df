using System.Text.Json;
using HybridRec.Data.Synthetic;
using HybridRec.Model;
using HybridRec.Model.Evaluation;
using Xunit;

namespace HybridRec.Bench.Tests.Cli;

/// <summary>The other commands on tiny inputs: configuration files, grid search, synthetic data, kernel checks.</summary>
public sealed class CommandTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("hybridrec-commands-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private static (int Code, string Out, string Err) Run(params string[] args) => Bench.Run(args);

    [Fact]
    public void ConfigurationFilesFromTheCommandLineAreValidated()
    {
        string path = Path.Combine(_dir, "config.json");
        File.WriteAllText(path, "{ \"model\": { \"embedding_size\": 8, \"learning_rat\": 0.1 } }");
        var (code, _, error) = Run("movielens", "--config", path, "--epochs", "1");
        Assert.Equal(1, code);
        Assert.Contains(path, error);
        Assert.Contains("learning_rat", error);
    }

    [Fact]
    public void GridSearchWritesTrialsTheBestConfigAndAChart()
    {
        string data = Path.Combine(_dir, "tiny");
        SyntheticMovieLens.Write(new SyntheticOptions { Users = 30, Movies = 40, Ratings = 900, TagApplications = 100, TagVocabulary = 8, Seed = 2 }, data);
        string outDir = Path.Combine(_dir, "tune");
        var (code, output, error) = Run("tune", "--strategy", "grid", "--trials", "3", "--data", data, "--out", outDir);
        Assert.True(code == 0, error);
        Assert.Contains("best: trial", output);
        Assert.Equal(4, File.ReadAllLines(Path.Combine(outDir, "trials.csv")).Length); // header + 3 trials
        using var json = JsonDocument.Parse(File.ReadAllText(Path.Combine(outDir, "trials.json")));
        var best = HybridConfiguration.Load(Path.Combine(outDir, "best-config.json"));
        Assert.Equal(25, best.Model.EmbeddingSize); // the first grid points all have E = 25
        Assert.False(best.Model.UseBiases);        // grid points vary the original preset
        Assert.True(new FileInfo(Path.Combine(outDir, "best-so-far.png")).Length > 1000);
        // The best configuration runs in the main job.
        var (code2, _, error2) = Run("movielens", "--data", data, "--config", Path.Combine(outDir, "best-config.json"), "--epochs", "1", "--no-ranking");
        Assert.True(code2 == 0, error2);
    }

    [Fact]
    public void TuneCanMaximiseValidationNdcg()
    {
        string data = Path.Combine(_dir, "tiny-ndcg");
        SyntheticMovieLens.Write(new SyntheticOptions { Users = 30, Movies = 40, Ratings = 900, TagApplications = 100, TagVocabulary = 8, Seed = 4 }, data);
        string outDir = Path.Combine(_dir, "tune-ndcg");
        var (code, output, error) = Run("tune", "--strategy", "grid", "--trials", "2", "--data", data, "--out", outDir, "--objective", "ndcg");
        Assert.True(code == 0, error);
        Assert.Contains("score = validation NDCG@10 (maximised)", output);
        var lines = File.ReadAllLines(Path.Combine(outDir, "trials.csv"));
        var header = lines[0].Split(',');
        int score = Array.IndexOf(header, "score"), ndcg = Array.IndexOf(header, "validation_ndcg_at_10"), best = Array.IndexOf(header, "best");
        Assert.True(score >= 0 && ndcg >= 0 && Array.IndexOf(header, "validation_rmse") >= 0 && Array.IndexOf(header, "popularity_ndcg_at_10") >= 0);
        var rows = lines.Skip(1).Select(l => l.Split(',')).ToList();
        foreach (var row in rows) Assert.Equal(-double.Parse(row[ndcg], System.Globalization.CultureInfo.InvariantCulture), double.Parse(row[score], System.Globalization.CultureInfo.InvariantCulture));
        // The best trial is the one with the highest NDCG.
        var top = rows.MaxBy(r => double.Parse(r[ndcg], System.Globalization.CultureInfo.InvariantCulture))!;
        Assert.Equal("true", top[best]);
    }

    [Fact]
    public void CompareShowsThePopularityBaselineAndExportsEachSeedsSplit()
    {
        string data = Path.Combine(_dir, "tiny-compare");
        SyntheticMovieLens.Write(new SyntheticOptions { Users = 30, Movies = 40, Ratings = 900, TagApplications = 100, TagVocabulary = 8, Seed = 8 }, data);
        string config = Path.Combine(_dir, "compare.json");
        (HybridPresets.Tuned with { Model = HybridPresets.Tuned.Model with { EmbeddingSize = 4 }, Training = HybridPresets.Tuned.Training with { Epochs = 2, EnsembleSize = 2 }, MinTagCount = 1 }).Save(config);
        string outDir = Path.Combine(_dir, "compare"), export = Path.Combine(_dir, "compare-splits");
        var (code, output, error) = Run("compare", "--data", data, "--config", config, "--seeds", "1,2", "--out", outDir, "--export-split", export);
        Assert.True(code == 0, error);
        string table = File.ReadAllText(Path.Combine(outDir, "comparison.md"));
        Assert.Contains("| popularity (most-rated first) | — | — | — |", table);
        Assert.Contains("precision@10", table);
        // Both times are measured and labelled: training alone, and training with the evaluation.
        Assert.Contains("| training time | training + evaluation time |", table);
        Assert.Matches(@"training \d+\.\d s \(\d+ epochs\), training \+ evaluation \d+\.\d s", output);
        Assert.Contains("(popularity ", output);
        foreach (var seed in new[] { 1, 2 })
        {
            Assert.Equal(720 + 1, File.ReadAllLines(Path.Combine(export, $"seed-{seed}", "train.csv")).Length);
            Assert.Equal(180 + 1, File.ReadAllLines(Path.Combine(export, $"seed-{seed}", "test.csv")).Length);
        }
        Assert.NotEqual(File.ReadAllText(Path.Combine(export, "seed-1", "test.csv")), File.ReadAllText(Path.Combine(export, "seed-2", "test.csv")));
    }

    [Fact]
    public void SynthWritesAReleaseTheLoaderReads()
    {
        string outDir = Path.Combine(_dir, "synth");
        var (code, output, error) = Run("synth", "--out", outDir, "--users", "50", "--movies", "80", "--ratings", "2000", "--seed", "3");
        Assert.True(code == 0, error);
        var data = HybridRec.Data.MovieLensLoader.Load(outDir, new HybridRec.Data.MovieLensLoadOptions { MinTagCount = 1 });
        Assert.Equal(2000, data.Ratings.Count);
        Assert.Equal(50, data.Users.Count);
        Assert.Equal(80, data.Items.Count);
        Assert.Contains("2,000", output);
        Assert.Equal(2, Run("synth").Code); // --out is required
    }

    [Fact]
    public void CheckKernelsPassesOnTheIlgpuCpuAccelerator()
    {
        var (code, output, error) = Run("check-kernels", "--backend", "ilgpu-cpu", "--cases", "1");
        Assert.True(code == 0, error + output);
        Assert.Contains("kernels match their CPU twins", output);
    }

    [Fact]
    public void ValidateScoresBothProtocolsWithoutTheTestPart()
    {
        string data = Path.Combine(_dir, "tiny-validate");
        SyntheticMovieLens.Write(new SyntheticOptions { Users = 30, Movies = 40, Ratings = 900, TagApplications = 100, TagVocabulary = 8, Seed = 5 }, data);
        string config = Path.Combine(_dir, "small.json");
        (HybridPresets.Tuned with { Model = HybridPresets.Tuned.Model with { EmbeddingSize = 4 }, Training = HybridPresets.Tuned.Training with { Epochs = 2 }, MinTagCount = 1 }).Save(config);

        var (code, output, error) = Run("validate", "--data", data, "--config", config, "--split-seeds", "3,4", "--ensemble", "2");
        Assert.True(code == 0, error);
        Assert.Contains("split 3: shared validation RMSE", output);
        Assert.Contains("split 4: shared validation RMSE", output);
        Assert.Contains("mean validation RMSE", output);
        // Deterministic: the same command gives the same scores (the lines without their timings).
        static string[] Scores(string text) => [.. text.Split('\n').Where(l => l.StartsWith("split", StringComparison.Ordinal)).Select(l => l[..l.IndexOf(" stars", StringComparison.Ordinal)])];
        Assert.Equal(2, Scores(output).Length);
        Assert.Equal(Scores(output), Scores(Run("validate", "--data", data, "--config", config, "--split-seeds", "3,4", "--ensemble", "2").Out));

        var (code2, output2, error2) = Run("validate", "--data", data, "--config", config, "--split-seeds", "3", "--protocol", "holdout", "--no-refit");
        Assert.True(code2 == 0, error2);
        Assert.Contains("split 3: holdout validation RMSE", output2);
        Assert.Contains("mean validation RMSE", output2);
        Assert.Contains("popularity", output2);

        // NDCG as the headline; the parts the protocol fits on and scores on can be exported (never a test part).
        string parts = Path.Combine(_dir, "parts");
        var (code2b, output2b, error2b) = Run("validate", "--data", data, "--config", config, "--split-seeds", "3", "--protocol", "holdout", "--no-refit",
            "--metric", "ndcg", "--export-split", parts);
        Assert.True(code2b == 0, error2b);
        Assert.Contains("split 3: holdout validation NDCG@10", output2b);
        Assert.Contains("mean validation NDCG@10", output2b);
        int fit = File.ReadAllLines(Path.Combine(parts, "split-3", "train.csv")).Length - 1, held = File.ReadAllLines(Path.Combine(parts, "split-3", "test.csv")).Length - 1;
        Assert.Equal(720, fit + held);               // the training part of the 80/20 split of 900 ratings
        Assert.Equal(72, held);                      // the 10 % holdout

        var (code3, _, error3) = Run("validate", "--data", data, "--split-seeds", "3,x");
        Assert.Equal(2, code3);
        Assert.Contains("--split-seeds", error3);

        // The hyperparameter flags of the main job apply: another initialisation range gives another score.
        var (code4, output4, error4) = Run("validate", "--data", data, "--config", config, "--split-seeds", "3,4", "--ensemble", "2", "--init-range", "0.3");
        Assert.True(code4 == 0, error4);
        Assert.Equal(2, Scores(output4).Length);
        Assert.NotEqual(Scores(output), Scores(output4));
        var (code5, _, error5) = Run("validate", "--data", data, "--init-range", "-1");
        Assert.Equal(2, code5);
        Assert.Contains("--init-range", error5);
    }

    [Fact]
    public void ValidateProtocolsScoreFromTheTrainingPartAlone()
    {
        string dir = Path.Combine(_dir, "tiny-holdout");
        SyntheticMovieLens.Write(new SyntheticOptions { Users = 30, Movies = 40, Ratings = 900, TagApplications = 100, TagVocabulary = 8, Seed = 6 }, dir);
        var data = HybridRec.Data.MovieLensLoader.Load(dir, new HybridRec.Data.MovieLensLoadOptions { MinTagCount = 1 });
        var config = HybridPresets.Tuned with
        {
            Model = HybridPresets.Tuned.Model with { EmbeddingSize = 4 },
            Training = HybridPresets.Tuned.Training with { Epochs = 2, EnsembleSize = 2, Seed = 11, Threads = 1 },
        };
        var split = HybridRec.Data.RatingSplits.Random(data.Ratings, 0.2, 11);
        var shared = ValidationProtocols.Shared(data, split.Train, config);
        var holdout = ValidationProtocols.Holdout(data, split.Train, config, 0.1);
        Assert.InRange(shared.RmseStars, 0.05, 4.5);
        Assert.InRange(holdout.RmseStars, 0.05, 4.5);
        Assert.InRange(shared.Ndcg, 0.0, 1.0);
        Assert.InRange(holdout.PopularityNdcg, 0.0, 1.0);
        Assert.True(shared.Ranking.UsersEvaluated > 0 && holdout.Ranking.UsersEvaluated > 0);
        // The baseline is scored on the same users as the model.
        Assert.Equal(shared.Ranking.UsersEvaluated, shared.Popularity.UsersEvaluated);
        // A different model seed changes the score, so the comparison above is not vacuous.
        Assert.NotEqual(shared.RmseStars, ValidationProtocols.Shared(data, split.Train, config with { Training = config.Training with { Seed = 12 } }).RmseStars);
    }
}
