using System.CommandLine;
using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;
using HybridRec.Bench.Cli;
using HybridRec.Bench.Configuration;
using HybridRec.Data;
using HybridRec.Model.ColdStart;
using HybridRec.Model.Evaluation;
using HybridRec.Model.Serialization;

namespace HybridRec.Bench.Commands;

/// <summary>
/// The cold-start table (issue 11, <see cref="ColdStartProtocol"/>) on the training part of one random split (the test
/// part is dropped first): fold-in from k ratings against popularity and against the same users trained in normally.
/// </summary>
internal sealed class ColdStartCommand(SharedOptions shared)
{
    private readonly Option<long?> _splitSeed = CliOption.Long("--split-seed", "seed of the random 80/20 split whose training part is used (default 42, a validation split)", helpName: "S");
    private readonly Option<double?> _heldOut = CliOption.Real("--held-out", $"share of the users held out of training (default {ColdStartProtocol.DefaultHeldOutFraction})", 0.001, 0.9, "F");
    private readonly Option<int[]?> _k = CliOption.PositiveIntList("--k", $"profile sizes: ratings each held-out user gives (default {string.Join(",", ColdStartProtocol.DefaultProfileSizes)})");
    private readonly Option<long?> _seed = CliOption.Long("--seed", "seed of the held-out users, their rating order and the models (default: the split seed)", helpName: "S");
    private readonly Option<string?> _json = CliOption.Text("--json", "also write the table as JSON", "PATH");
    private readonly Option<FoldInSolver?> _solver = CliOption.Choice("--fold-in-solver", "how new users' rows are fitted (default newton)", ("newton", FoldInSolver.Newton), ("adam", FoldInSolver.Adam));
    private readonly FoldInRankFlags _rank = new("fold-in-");
    private readonly Option<bool> _noTrainIn = CliOption.Flag("--no-trained-in", "skip the trained-in models (their columns show –): compares fold-in variants quickly");
    private readonly Option<string?> _modelCache = CliOption.Text("--model-cache", "load the model without the held-out users from PATH if it exists, else train it and save it there (same data, split, configuration and seed only)", "PATH");

    public Command Create()
    {
        var command = new Command("coldstart",
            "new users without retraining: hold out a share of the users, fold each in from k of their ratings, compare with popularity and with training them in (validation data only)");
        shared.Data.AddTo(command, split: false);
        shared.Configuration.AddTo(command);
        var run = shared.Run;
        Option[] options = [_splitSeed, _heldOut, _k, _seed, _json, _solver, .. _rank.All, _noTrainIn, _modelCache, shared.Ranking.RelevantAtLeast, run.Threads, run.Backend];
        foreach (var o in options) command.Add(o);
        command.SetAction(Run);
        return command;
    }

    private int Run(ParseResult r)
    {
        var output = r.InvocationConfiguration.Output;
        string? jsonPath = r.GetValue(_json);
        if (jsonPath is not null) OutputPaths.CheckFile("--json", jsonPath);
        long splitSeed = r.GetValue(_splitSeed) ?? 42;
        long seed = r.GetValue(_seed) ?? splitSeed;
        var ks = r.GetList(_k) ?? [.. ColdStartProtocol.DefaultProfileSizes];
        double heldOut = r.GetValue(_heldOut) ?? ColdStartProtocol.DefaultHeldOutFraction;
        var ranking = shared.Ranking.Resolve(r);
        var config = shared.Configuration.Resolve(r);
        var (data, _) = shared.Data.Load(r, config.MinTagCount, TextWriter.Null);
        // Only the training part of the split is kept from here on.
        var train = RatingSplits.Random(data.Ratings, 0.2, splitSeed).Train;
        var runConfig = shared.Run.WithRun(r, config, seed);
        output.WriteLine($"coldstart on {data.Name}: the training part of split {splitSeed} ({train.Count:N0} ratings; its test part unused), " +
                         $"{ConfigurationText.Describe(runConfig, data)}");
        var foldIn = _rank.Apply(r, FoldInOptions.Default with { Solver = r.GetValue(_solver) ?? FoldInOptions.Default.Solver });
        output.WriteLine($"fold-in: {foldIn}");
        var report = ColdStartProtocol.Run(data, train, runConfig, ks, heldOut, seed, ranking, foldIn, output, !r.GetValue(_noTrainIn), r.GetValue(_modelCache));
        output.WriteLine();
        output.Write(Table(report));
        if (jsonPath is not null)
        {
            AtomicFile.WriteAllText(jsonPath, JsonSerializer.Serialize(new { command = "coldstart", splitSeed, seed, heldOutFraction = heldOut, report },
                new JsonSerializerOptions(JsonSerializerDefaults.Web) { WriteIndented = true, NumberHandling = JsonNumberHandling.AllowNamedFloatingPointLiterals }) + Environment.NewLine);
            output.WriteLine($"wrote {jsonPath}");
        }
        return ExitCodes.Success;
    }

    /// <summary>The report as a Markdown table.</summary>
    internal static string Table(ColdStartReport report)
    {
        var sb = new StringBuilder();
        var c = CultureInfo.InvariantCulture;
        sb.AppendLine(c, $"{report.EvaluatedUsers:N0} of {report.HeldOutUsers:N0} held-out users evaluated ({report.Users:N0} users), {report.EvaluationRatings:N0} evaluation ratings; " +
                         $"NDCG@{report.K}: relevant = rating ≥ {report.RelevantAtLeast:0.0}");
        sb.AppendLine(c, $"| k | fold-in RMSE | trained-in RMSE | item-mean RMSE | fold-in NDCG@{report.K} | trained-in NDCG@{report.K} | popularity NDCG@{report.K} | fold-in ms/user |");
        sb.AppendLine("|---:|---:|---:|---:|---:|---:|---:|---:|");
        foreach (var row in report.Rows)
            sb.AppendLine(c, $"| {row.ProfileSize} | {row.FoldInRmse:0.0000} | {Figure(row.TrainedInRmse)} | {row.PopularityRmse:0.0000} | {row.FoldInNdcg:0.0000} | {Figure(row.TrainedInNdcg)} | {row.PopularityNdcg:0.0000} | {row.FoldInMillisecondsPerUser:0.00} |");
        return sb.ToString();
    }

    private static string Figure(double value) => double.IsNaN(value) ? "–" : value.ToString("0.0000", CultureInfo.InvariantCulture);
}
