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
internal static class TuneCommand
{
    public const string Usage = """
        tune [options]           hyperparameter search on validation data (never the test split)
          --strategy S           tpe (default) | grid (the original: embedding size × batch size × epochs)
          --objective O          rmse (default: validation RMSE, minimised) | ndcg (validation NDCG@10, maximised; trials.csv's
                                 score column is then −NDCG, since the search minimises); both are recorded for every trial
          --trials N             trial budget (tpe default 40; grid default: the whole grid)
          --out DIR              output folder (default runs/tune-<strategy>)
          --max-epochs N         epoch cap of a tpe trial, with early stopping (default 30)
          --ensemble N           score each tpe trial as an N-model ensemble on one shared validation part (default 1)
          --data PATH  --split S  --max-ratings N  --seed S  --backend B  --threads N
        """ + "\n" + RankingFlags.Usage;

    private static readonly string[] ValueOptions = [.. DataSelection.Options, "strategy", "trials", "out", "max-epochs", "seed", "backend", "threads", "ensemble", "objective", .. RankingFlags.Options];

    public static int Run(IReadOnlyList<string> args, TextWriter output)
    {
        var cl = CliArguments.Parse("tune", args, ValueOptions, []);
        string strategy = cl.Choice("strategy", "tpe", "grid") ?? "tpe";
        long seed = cl.Long("seed") ?? TrainingOptions.DefaultSeed;
        var backend = cl.Backend();
        int threads = cl.Int("threads", 0, 1024) ?? 0;
        int maxEpochs = cl.Int("max-epochs", 1, 10_000) ?? HybridSearch.DefaultMaxEpochs;
        int ensemble = cl.Int("ensemble", 1, 50) ?? 1;
        string outDir = cl.String("out") ?? Path.Combine("runs", $"tune-{strategy}");
        var objective = cl.Choice("objective", "rmse", "ndcg") == "ndcg" ? ValidationMetric.Ndcg : ValidationMetric.Rmse;
        var ranking = RankingFlags.Resolve(cl);
        string what = objective == ValidationMetric.Ndcg ? $"NDCG@{ranking.K}" : "RMSE";

        ISampler sampler;
        int trials;
        if (strategy == "grid")
        {
            var grid = HybridSearch.Grid();
            trials = cl.Int("trials", 1, grid.Count) ?? grid.Count;
            sampler = grid;
        }
        else
        {
            trials = cl.Int("trials", 1, 10_000) ?? HybridSearch.DefaultTpeTrials;
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
                var (data, _) = DataSelection.Load(cl, minTagCount, TextWriter.Null);
                d = (data, DataSelection.Split(cl, data, seed));
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
            config = ConfigurationFlags.WithRun(config with { Training = config.Training with { EnsembleSize = ensemble } }, seed, backend, threads);
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

        Directory.CreateDirectory(outDir);
        TuningResultWriter.WriteCsv(Path.Combine(outDir, "trials.csv"), result);
        TuningResultWriter.WriteJson(Path.Combine(outDir, "trials.json"), result);
        var best = ConfigFor(result.Best.Parameters);
        (best with { Training = best.Training with { EnsembleSize = ensemble } }).Save(Path.Combine(outDir, "best-config.json"));
        var x = Enumerable.Range(1, result.BestSoFar.Length).Select(i => (double)i).ToArray();
        double Shown(double score) => double.IsFinite(score) ? ValidationScore.FromObjective(objective, score) : double.NaN;
        LineChart.Save(Path.Combine(outDir, "best-so-far.png"), $"{strategy} search: best validation {what} so far", "trial",
            objective == ValidationMetric.Ndcg ? $"validation {what}" : "validation RMSE (stars)",
            [new ChartSeries("best so far", x, result.BestSoFar.Select(Shown).ToArray()), new ChartSeries("trial", x, result.Trials.Select(t => Shown(t.Score)).ToArray())]);

        output.WriteLine($"best: trial {result.Best.Number + 1}, {Figures(result.Best)} — {Describe(result.Best.Parameters)}");
        output.WriteLine($"{trials} trials in {clock.Elapsed.TotalSeconds:0} s; wrote {outDir}/trials.csv, trials.json, best-config.json, best-so-far.png");
        output.WriteLine($"use it: dotnet run -c Release --project HybridRec.Bench -- movielens --config {Path.Combine(outDir, "best-config.json")}");
        return 0;
    }

    /// <summary>A trial's validation figures: RMSE, the model's and the popularity baseline's NDCG@10.</summary>
    private static string Figures(TrialResult t) =>
        t.Metrics.TryGetValue("validation_rmse", out double rmse)
            ? FormattableString.Invariant($"val RMSE {rmse:0.0000}  NDCG@10 {t.Metrics["validation_ndcg_at_10"]:0.0000} (popularity {t.Metrics["popularity_ndcg_at_10"]:0.0000})")
            : FormattableString.Invariant($"score {t.Score:0.0000}");

    private static string Describe(TrialParameters p) =>
        string.Join(", ", p.Select(kv => $"{kv.Key}={kv.Value.ToString(kv.Value == Math.Floor(kv.Value) ? "0" : "G3", CultureInfo.InvariantCulture)}"));
}
