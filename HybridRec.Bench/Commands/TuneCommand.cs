using System.CommandLine;
using System.Diagnostics;
using System.Globalization;
using HybridRec.Bench.Charts;
using HybridRec.Bench.Cli;
using HybridRec.Bench.Configuration;
using HybridRec.Data;
using HybridRec.Model;
using HybridRec.Model.Evaluation;
using HybridRec.Model.Training;
using HybridRec.Model.Tuning;

namespace HybridRec.Bench.Commands;

/// <summary>
/// Hyperparameter search scored on validation data only (<see cref="ValidationProtocols.ScoreTrial"/>: RMSE, or NDCG@10
/// with <c>--objective ndcg</c>, maximised): the test split of the chosen split is never touched. <c>grid</c> repeats the original notebook's search and <c>tpe</c> is Bayesian
/// optimisation with a Tree-structured Parzen Estimator (<see cref="HybridSearch"/>). Writes trials.csv, trials.json,
/// best-config.json (for <c>movielens --config</c>) and best-so-far.png.
/// </summary>
internal sealed class TuneCommand(SharedOptions shared)
{
    private readonly Option<string?> _strategy = CliOption.Word("--strategy", "tpe (default; Bayesian optimisation) | grid (the original: embedding size × batch size × epochs)", "tpe", "grid");
    private readonly Option<ValidationMetric?> _objective = CliOption.Choice("--objective",
        "rmse (default: validation RMSE, minimised) | ndcg (validation NDCG@10, maximised; trials.csv's score column is then −NDCG); both are recorded for every trial",
        ("rmse", ValidationMetric.Rmse), ("ndcg", ValidationMetric.Ndcg));
    private readonly Option<int?> _trials = CliOption.Int("--trials", $"trial budget (tpe default {HybridSearch.DefaultTpeTrials}; grid default: the whole grid)", 1, 10_000);
    private readonly Option<string?> _out = CliOption.Text("--out", "output folder (default runs/tune-<strategy>)", "DIR");
    private readonly Option<int?> _maxEpochs = CliOption.Int("--max-epochs", $"epoch cap of a tpe trial, with early stopping (default {HybridSearch.DefaultMaxEpochs})", 1, 10_000);
    private readonly Option<int?> _ensemble = CliOption.Int("--ensemble", "score each trial as an N-model ensemble on one shared validation part (default 1)", 1, 50);

    public Command Create()
    {
        var command = new Command("tune", "hyperparameter search on validation data (never the test split)");
        shared.Data.AddTo(command);
        var run = shared.Run;
        foreach (var o in new Option[] { _strategy, _objective, _trials, _out, _maxEpochs, _ensemble, shared.Ranking.RelevantAtLeast, run.Seed, run.Backend, run.Threads })
            command.Add(o);
        command.SetAction(Run);
        return command;
    }

    private int Run(ParseResult r)
    {
        var output = r.InvocationConfiguration.Output;
        string strategy = r.GetValue(_strategy) ?? "tpe";
        string outDir = r.GetValue(_out) ?? Path.Combine("runs", $"tune-{strategy}");
        OutputPaths.CheckDirectory("--out", outDir);
        long seed = r.GetValue(shared.Run.Seed) ?? TrainingOptions.DefaultSeed;
        int maxEpochs = r.GetValue(_maxEpochs) ?? HybridSearch.DefaultMaxEpochs;
        int ensemble = r.GetValue(_ensemble) ?? 1;
        var objective = r.GetValue(_objective) ?? ValidationMetric.Rmse;
        var ranking = shared.Ranking.Resolve(r);
        string what = objective == ValidationMetric.Ndcg ? $"NDCG@{ranking.K}" : "RMSE";

        ISampler sampler;
        int trials;
        if (strategy == "grid")
        {
            var grid = HybridSearch.Grid();
            trials = r.GetValue(_trials) ?? grid.Count;
            if (trials > grid.Count) throw new UsageException($"--trials {trials}: the grid has {grid.Count} points.");
            sampler = grid;
        }
        else
        {
            trials = r.GetValue(_trials) ?? HybridSearch.DefaultTpeTrials;
            sampler = new TpeSampler(HybridSearch.TpeSpace, new TpeOptions { Seed = seed });
        }
        HybridConfiguration ConfigFor(TrialParameters p) =>
            strategy == "grid" ? HybridSearch.GridTrial(HybridPresets.Original, p) : HybridSearch.TpeTrial(HybridPresets.Tuned, p, maxEpochs);

        // Datasets per tag threshold (the only parameter that changes the data), the same split for all trials.
        var datasets = new Dictionary<int, (RatingDataset Data, RatingSplit Split)>();
        (RatingDataset, RatingSplit) DataFor(int minTagCount)
        {
            if (!datasets.TryGetValue(minTagCount, out var d))
            {
                var (data, _) = shared.Data.Load(r, minTagCount, TextWriter.Null);
                d = (data, shared.Data.SplitOf(r, data, seed));
                datasets[minTagCount] = d;
            }
            return d;
        }
        var (first, firstSplit) = DataFor(HybridPresets.Tuned.MinTagCount);
        output.WriteLine($"tune: {strategy}, {trials} trials on {first.Name}, split {firstSplit.Name}; score = validation {(objective == ValidationMetric.Ndcg ? $"NDCG@{ranking.K} (maximised)" : "RMSE (stars)")} of {(ensemble > 1 ? $"a {ensemble}-model ensemble" : "one model")} on a {TrainingOptions.DefaultValidationFraction:P0} carve-out of the training split");

        var clock = Stopwatch.StartNew();
        var result = Tuner.Run(sampler, (p, ct) =>
        {
            var config = ConfigFor(p);
            config = shared.Run.WithRun(r, config with { Training = config.Training with { EnsembleSize = ensemble } }, seed);
            var (data, split) = DataFor(config.MinTagCount);
            var (score, run) = ValidationProtocols.ScoreTrial(data, split.Train, config, ranking, ct);
            return new TrialOutcome(score.Objective(objective), new Dictionary<string, double>
            {
                ["validation_rmse"] = score.RmseStars,
                ["validation_ndcg_at_10"] = score.Ndcg,
                ["popularity_ndcg_at_10"] = score.PopularityNdcg,
                ["epochs_trained"] = run.History.Count,
                ["best_epoch"] = run.BestEpoch,
                ["train_seconds"] = run.TrainTime.TotalSeconds,
                ["tags"] = data.ItemFeatures.TryGet(MovieLensLoader.TagsGroup, out var tags) ? tags.Vocabulary.Count : 0,
            });
        }, trials, new SynchronousProgress<TrialResult>(t =>
            output.WriteLine($"trial {t.Number + 1,3}/{trials}  {Figures(t)}  {Describe(t.Parameters)}  ({t.Duration.TotalSeconds:0.0} s)")));

        if (!result.Trials.Any(t => double.IsFinite(t.Score)))
            throw new CommandFailedException($"all {trials} trials failed: none has a finite validation score.");
        Directory.CreateDirectory(outDir);
        TuningResultWriter.WriteCsv(Path.Combine(outDir, "trials.csv"), result);
        TuningResultWriter.WriteJson(Path.Combine(outDir, "trials.json"), result);
        var best = ConfigFor(result.Best.Parameters);
        (best with { Training = best.Training with { EnsembleSize = ensemble } }).Save(Path.Combine(outDir, "best-config.json"));
        var x = Enumerable.Range(1, result.BestSoFar.Length).Select(i => (double)i).ToArray();
        double Shown(double score) => double.IsFinite(score) ? ValidationScore.FromObjective(objective, score) : double.NaN;
        LineChart.Save(Path.Combine(outDir, "best-so-far.png"), $"{strategy} search: best validation {what} so far", "trial",
            objective == ValidationMetric.Ndcg ? $"validation {what}" : "validation RMSE (stars)",
            [new ChartSeries("best so far", x, result.BestSoFar.ToArray().Select(Shown).ToArray()), new ChartSeries("trial", x, result.Trials.Select(t => Shown(t.Score)).ToArray())]);

        output.WriteLine($"best: trial {result.Best.Number + 1}, {Figures(result.Best)} — {Describe(result.Best.Parameters)}");
        output.WriteLine($"{trials} trials in {clock.Elapsed.TotalSeconds:0} s; wrote {outDir}/trials.csv, trials.json, best-config.json, best-so-far.png");
        output.WriteLine($"use it: dotnet run -c Release --project HybridRec.Bench -- movielens --config {Path.Combine(outDir, "best-config.json")}");
        return ExitCodes.Success;
    }

    /// <summary>A trial's validation figures: RMSE, the model's and the popularity baseline's NDCG@10.</summary>
    private static string Figures(TrialResult t) =>
        t.Metrics.TryGetValue("validation_rmse", out double rmse)
            ? FormattableString.Invariant($"val RMSE {rmse:0.0000}  NDCG@10 {t.Metrics["validation_ndcg_at_10"]:0.0000} (popularity {t.Metrics["popularity_ndcg_at_10"]:0.0000})")
            : FormattableString.Invariant($"score {t.Score:0.0000}");

    private static string Describe(TrialParameters p) =>
        string.Join(", ", p.Select(kv => $"{kv.Key}={kv.Value.ToString(kv.Value == Math.Floor(kv.Value) ? "0" : "G3", CultureInfo.InvariantCulture)}"));
}
