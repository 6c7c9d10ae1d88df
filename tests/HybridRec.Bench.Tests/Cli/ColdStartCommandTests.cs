using System.Text.Json;
using HybridRec.Data.Synthetic;
using Xunit;

namespace HybridRec.Bench.Tests.Cli;

/// <summary>The coldstart command on a tiny synthetic dataset: the table, the JSON and its bad input.</summary>
public sealed class ColdStartCommandTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("hybridrec-coldstart-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    [Fact]
    public void PrintsTheTableAndWritesJson()
    {
        string data = Path.Combine(_dir, "tiny");
        SyntheticMovieLens.Write(new SyntheticOptions { Users = 60, Movies = 50, Ratings = 2400, TagApplications = 100, TagVocabulary = 8, Seed = 3 }, data);
        string json = Path.Combine(_dir, "coldstart.json");
        var (code, output, error) = Bench.Run("coldstart", "--data", data, "--ensemble", "1", "--epochs", "2", "--k", "1,4", "--held-out", "0.2", "--json", json);
        Assert.True(code == 0, error);
        Assert.Contains("| k | fold-in RMSE | trained-in RMSE | item-mean RMSE | fold-in NDCG@10 | trained-in NDCG@10 | popularity NDCG@10 | fold-in ms/user |", output);
        Assert.Contains("its test part unused", output);
        using var doc = JsonDocument.Parse(File.ReadAllText(json));
        var report = doc.RootElement.GetProperty("report");
        Assert.Equal(12, report.GetProperty("heldOutUsers").GetInt32());   // 20 % of 60 users
        var rows = report.GetProperty("rows").EnumerateArray().ToList();
        Assert.Equal([1, 4], rows.Select(r => r.GetProperty("profileSize").GetInt32()));
        foreach (var row in rows)
            foreach (var field in new[] { "foldInRmse", "trainedInRmse", "popularityRmse" })
                Assert.InRange(row.GetProperty(field).GetDouble(), 0.1, 4.5);
    }

    [Fact]
    public void ACachedModelComparesFoldInVariantsAndFeedsFoldInBench()
    {
        // The first run trains the model without the held-out users and saves it; the second loads it (no training),
        // folds in with Adam and skips the trained-in models (their columns show –, their JSON values NaN); foldin-bench
        // then times both solvers on that model.
        string data = Path.Combine(_dir, "tiny");
        SyntheticMovieLens.Write(new SyntheticOptions { Users = 60, Movies = 50, Ratings = 2400, TagApplications = 100, TagVocabulary = 8, Seed = 3 }, data);
        string cache = Path.Combine(_dir, "rest.hrec");
        string[] common = ["coldstart", "--data", data, "--ensemble", "1", "--epochs", "2", "--k", "1,4", "--held-out", "0.2", "--no-trained-in", "--model-cache", cache];
        var (code, output, error) = Bench.Run(common);
        Assert.True(code == 0, error);
        Assert.True(File.Exists(cache));
        Assert.Contains("Solver = Newton", output);
        string json = Path.Combine(_dir, "adam.json");
        (code, output, error) = Bench.Run([.. common, "--fold-in-solver", "adam", "--json", json]);
        Assert.True(code == 0, error);
        Assert.Contains($"loaded from {cache}", output);
        Assert.DoesNotContain("trained in", output);
        Assert.Contains("Solver = Adam", output);
        Assert.Matches(@"\| 4 \| [0-9.]+ \| – \| [0-9.]+ \| [0-9.]+ \| – \|", output);
        using (var doc = JsonDocument.Parse(File.ReadAllText(json)))
            foreach (var row in doc.RootElement.GetProperty("report").GetProperty("rows").EnumerateArray())
                Assert.Equal("NaN", row.GetProperty("trainedInRmse").GetString());

        (code, output, error) = Bench.Run("foldin-bench", "--model", cache, "--k", "1,3", "--users", "2", "--repeat", "1");
        Assert.True(code == 0, error);
        Assert.Contains("| k | solver | rating rows ms | ranking row ms | total ms |", output);
        Assert.Matches(@"\| 3 \| Newton \| [0-9.]+ \| [0-9.]+ \|", output);
        Assert.Matches(@"\| 3 \| Adam \| [0-9.]+ \| [0-9.]+ \|", output);
    }

    [Fact]
    public void BadOptionsAreUsageErrors()
    {
        Assert.Equal(2, Bench.Run("coldstart", "--k", "0").Code);
        Assert.Equal(2, Bench.Run("coldstart", "--held-out", "1.5").Code);
        Assert.Equal(2, Bench.Run("coldstart", "--fold-in-solver", "sgd").Code);
        Assert.Equal(2, Bench.Run("foldin-bench").Code);   // --model is required
    }
}
