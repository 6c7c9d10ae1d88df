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
        double shared = ValidationProtocols.Shared(data, split.Train, config);
        double holdout = ValidationProtocols.Holdout(data, split.Train, config, 0.1);
        Assert.InRange(shared, 0.05, 4.5);
        Assert.InRange(holdout, 0.05, 4.5);
        // A different model seed changes the score, so the comparison above is not vacuous.
        Assert.NotEqual(shared, ValidationProtocols.Shared(data, split.Train, config with { Training = config.Training with { Seed = 12 } }));
    }
}
