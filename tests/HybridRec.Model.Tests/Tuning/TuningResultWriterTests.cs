using System.Globalization;
using System.Text.Json;
using HybridRec.Model.Tuning;
using Xunit;

namespace HybridRec.Model.Tests.Tuning;

public sealed class TuningResultWriterTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("hybridrec-tuning-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private static TuningResult Sample()
    {
        static TrialResult T(int n, double emb, double lr, double score, params (string, double)[] metrics) =>
            new(n, new TrialParameters([new("embedding", emb), new("lr", lr)]), score, TimeSpan.FromMilliseconds(1500 + n),
                metrics.ToDictionary(m => m.Item1, m => m.Item2));
        return new TuningResult(
        [
            T(0, 32, 0.001, 0.25, ("rmse", 0.25), ("ndcg,10", 0.1)),
            T(1, 64, 0.01, double.NaN, ("rmse", double.NaN)),
            T(2, 16, 0.0005, 0.21, ("rmse", 0.21), ("ndcg,10", 0.12), ("score", 7)),
        ]);
    }

    private static List<string[]> ReadCsv(string path)
    {
        // Small RFC 4180 reader: quoted fields may hold commas and doubled quotes.
        var rows = new List<string[]>();
        foreach (string line in File.ReadAllLines(path))
        {
            var fields = new List<string>();
            var field = new System.Text.StringBuilder();
            bool quoted = false;
            for (int i = 0; i < line.Length; i++)
            {
                char c = line[i];
                if (quoted && c == '"' && i + 1 < line.Length && line[i + 1] == '"') { field.Append('"'); i++; }
                else if (c == '"') quoted = !quoted;
                else if (c == ',' && !quoted) { fields.Add(field.ToString()); field.Clear(); }
                else field.Append(c);
            }
            fields.Add(field.ToString());
            rows.Add([.. fields]);
        }
        return rows;
    }

    [Fact]
    public void Csv_has_one_row_per_trial_and_flags_the_best()
    {
        string path = Path.Combine(_dir, "trials.csv");
        File.WriteAllText(path, "old contents");
        TuningResultWriter.WriteCsv(path, Sample());
        var rows = ReadCsv(path);
        Assert.Equal(["number", "embedding", "lr", "score", "duration_s", "rmse", "ndcg,10", "metric_score", "best"], rows[0]);
        Assert.Equal(4, rows.Count);
        Assert.All(rows, r => Assert.Equal(9, r.Length));
        Assert.Equal(["0", "32", "0.001", "0.25", "1.5", "0.25", "0.1", "", "false"], rows[1]);
        Assert.Equal("NaN", rows[2][3]);
        Assert.Equal("", rows[2][6]);
        Assert.Equal(["2", "16", "0.0005", "0.21", "1.502", "0.21", "0.12", "7", "true"], rows[3]);
        Assert.Single(rows.Skip(1), r => r[^1] == "true");
        Assert.Equal(0.21, double.Parse(rows[3][3], CultureInfo.InvariantCulture));
        Assert.Equal([path], Directory.GetFiles(_dir)); // no temp file left behind
    }

    [Fact]
    public void Json_round_trips_with_nulls_for_failed_values()
    {
        string path = Path.Combine(_dir, "sub", "trials.json");
        TuningResultWriter.WriteJson(path, Sample());
        using var doc = JsonDocument.Parse(File.ReadAllText(path));
        var root = doc.RootElement;
        var trials = root.GetProperty("trials");
        Assert.Equal(3, trials.GetArrayLength());
        Assert.Equal(2, root.GetProperty("best_number").GetInt32());
        Assert.Equal(0.21, root.GetProperty("best_score").GetDouble());
        var failed = trials[1];
        Assert.Equal(JsonValueKind.Null, failed.GetProperty("score").ValueKind);
        Assert.True(failed.GetProperty("failed").GetBoolean());
        Assert.Equal(JsonValueKind.Null, failed.GetProperty("metrics").GetProperty("rmse").ValueKind);
        Assert.Equal(64, failed.GetProperty("parameters").GetProperty("embedding").GetDouble());
        Assert.Equal(0.0005, trials[2].GetProperty("parameters").GetProperty("lr").GetDouble());
        Assert.Equal(7, trials[2].GetProperty("metrics").GetProperty("score").GetDouble());
        Assert.Equal([false, false, true], trials.EnumerateArray().Select(t => t.GetProperty("best").GetBoolean()));
        Assert.Equal(1.5, trials[0].GetProperty("duration_s").GetDouble(), 1e-12);
        Assert.Equal([path], Directory.GetFiles(Path.GetDirectoryName(path)!));
    }

    [Fact]
    public void All_failed_results_write_no_best()
    {
        var result = new TuningResult([new TrialResult(0, new TrialParameters([new("x", 1)]), double.PositiveInfinity, TimeSpan.Zero, new Dictionary<string, double>())]);
        string json = Path.Combine(_dir, "failed.json"), csv = Path.Combine(_dir, "failed.csv");
        TuningResultWriter.WriteJson(json, result);
        TuningResultWriter.WriteCsv(csv, result);
        using var doc = JsonDocument.Parse(File.ReadAllText(json));
        Assert.Equal(JsonValueKind.Null, doc.RootElement.GetProperty("best_number").ValueKind);
        var rows = ReadCsv(csv);
        Assert.Equal(["0", "1", "Infinity", "0", "false"], rows[1]);
        Assert.Equal(2, Directory.GetFiles(_dir).Length);
    }

    [Fact]
    public void A_failed_write_leaves_the_target_untouched_and_no_temp_file()
    {
        string path = Path.Combine(_dir, "trials.csv");
        Directory.CreateDirectory(path); // a directory in the way: the final rename must fail
        Assert.ThrowsAny<IOException>(() => TuningResultWriter.WriteCsv(path, Sample()));
        Assert.Empty(Directory.GetFiles(_dir));
    }
}
