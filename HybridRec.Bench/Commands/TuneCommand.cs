using System.Diagnostics;
using System.Globalization;
using HybridRec.Bench.Charts;
using HybridRec.Bench.Cli;
using HybridRec.Bench.Configuration;
using HybridRec.Data;
using HybridRec.Model.Backends;
using HybridRec.Model.Training;
using HybridRec.Model.Tuning;

namespace HybridRec.Bench.Commands;

/// <summary>
/// Hyperparameter search scored on validation RMSE only: the test split of the chosen split is never touched.
/// <c>grid</c> repeats the original notebook's search (embedding size × batch size × epochs on the original
/// architecture); <c>tpe</c> is Bayesian optimisation with a Tree-structured Parzen Estimator over the tuned
/// architecture's hyperparameters. Writes trials.csv, trials.json, best-config.json (for <c>movielens --config</c>)
/// and best-so-far.png.
/// </summary>
internal static class TuneCommand
{
    public const string Usage = """
        tune [options]           hyperparameter search on validation RMSE (never the test split)
          --strategy S           tpe (default) | grid (the original: embedding size × batch size × epochs)
          --trials N             trial budget (tpe default 40; grid default: the whole grid)
          --out DIR              output folder (default runs/tune-<strategy>)
          --max-epochs N         epoch cap of a tpe trial, with early stopping (default 30)
          --ensemble N           score each tpe trial as an N-model ensemble on one shared validation part (default 1)
          --data PATH  --split S  --max-ratings N  --seed S  --backend B  --threads N
        """;

    private static readonly string[] ValueOptions = [.. DataSelection.Options, "strategy", "trials", "out", "max-epochs", "seed", "backend", "threads", "ensemble"];

    /// <summary>The TPE search space.</summary>
    internal static SearchSpace TpeSpace { get; } = new(
        new IntParameter("embedding_size", 8, 128, log: true),
        new FloatParameter("learning_rate", 3e-4, 1e-2, log: true),
        new ChoiceParameter("batch_size", 64, 128, 256, 512, 1024),
        new FloatParameter("embedding_l2", 1e-4, 1.0, log: true),
        new FloatParameter("embedding_table_l2", 1e-6, 1e-3, log: true),
        new FloatParameter("dense_l2", 1e-6, 1e-2, log: true),
        new IntParameter("neural_width", 4, 64, log: true),
        new IntParameter("genre_width", 2, 64, log: true),
        new IntParameter("tag_width", 2, 64, log: true),
        new IntParameter("min_tag_count", 2, 50, log: true));

    /// <summary>The original notebook's grid.</summary>
    internal static GridSampler Grid() => new(
        ("embedding_size", new double[] { 25, 50, 100 }),
        ("batch_size", new double[] { 64, 256, 1024 }),
        ("epochs", new double[] { 3, 5, 10 }));

    public static int Run(IReadOnlyList<string> args, TextWriter output)
    {
        var cl = CliArguments.Parse("tune", args, ValueOptions, []);
        string strategy = cl.Choice("strategy", "tpe", "grid") ?? "tpe";
        long seed = cl.Long("seed") ?? TrainingOptions.DefaultSeed;
        var backend = cl.Backend();
        int threads = cl.Int("threads", 0, 1024) ?? 0;
        int maxEpochs = cl.Int("max-epochs", 1, 10_000) ?? 30;
        int ensemble = cl.Int("ensemble", 1, 50) ?? 1;
        string outDir = cl.String("out") ?? Path.Combine("runs", $"tune-{strategy}");

        ISampler sampler;
        int trials;
        if (strategy == "grid")
        {
            var grid = Grid();
            trials = cl.Int("trials", 1, grid.Count) ?? grid.Count;
            sampler = grid;
        }
        else
        {
            trials = cl.Int("trials", 1, 10_000) ?? 40;
            sampler = new TpeSampler(TpeSpace, new TpeOptions { Seed = seed });
        }

        // Datasets per tag threshold (the only parameter that changes the data), the same split for all trials.
        var datasets = new Dictionary<int, (MovieLensDataset Data, RatingSplit Split)>();
        (MovieLensDataset, RatingSplit) DataFor(int minTagCount)
        {
            if (!datasets.TryGetValue(minTagCount, out var d))
            {
                var (data, _) = DataSelection.Load(cl, minTagCount, TextWriter.Null);
                d = (data, DataSelection.Split(cl, data, seed));
                datasets[minTagCount] = d;
            }
            return d;
        }
        var (first, firstSplit) = DataFor(RunConfig.Tuned.MinTagCount);
        output.WriteLine($"tune: {strategy}, {trials} trials on {first.Name}, split {firstSplit.Name}; score = validation RMSE (stars) of {(ensemble > 1 ? $"a {ensemble}-model ensemble" : "one model")} on a {TrainingOptions.DefaultValidationFraction:P0} carve-out of the training split");

        var clock = Stopwatch.StartNew();
        var result = Tuner.Run(sampler, (p, ct) =>
        {
            var config = ConfigFor(strategy, p, maxEpochs);
            var (data, split) = DataFor(config.MinTagCount);
            // No refit during the search: a refit model has seen the validation part the trial is scored on.
            var training = config.ToTrainingOptions(seed, backend, threads, 0) with { EnsembleSize = ensemble, SharedValidation = true, RefitOnAllData = false };
            var run = HybridTrainer.Train(data, split.Train, config.ToModelOptions(), training, cancellationToken: ct);
            double score = run.History[run.BestEpoch - 1].ValidationRmseStars;
            // The ensemble's own error on the validation part all its members held out.
            if (ensemble > 1) score = ValidateCommand.SharedValidationRmse(data, split.Train, run.Model, training);
            return new TrialOutcome(score, new Dictionary<string, double>
            {
                ["epochs_trained"] = run.History.Count,
                ["best_epoch"] = run.BestEpoch,
                ["train_seconds"] = run.TrainTime.TotalSeconds,
                ["tags"] = data.Tags.Columns,
            });
        }, trials, new SynchronousProgress<TrialResult>(t =>
            output.WriteLine($"trial {t.Number + 1,3}/{trials}  val RMSE {t.Score:0.0000}  {Describe(t.Parameters)}  ({t.Duration.TotalSeconds:0.0} s)")));

        Directory.CreateDirectory(outDir);
        TuningResultWriter.WriteCsv(Path.Combine(outDir, "trials.csv"), result);
        TuningResultWriter.WriteJson(Path.Combine(outDir, "trials.json"), result);
        var best = ConfigFor(strategy, result.Best.Parameters, maxEpochs) with { EnsembleSize = ensemble };
        best.Save(Path.Combine(outDir, "best-config.json"));
        var x = Enumerable.Range(1, result.BestSoFar.Length).Select(i => (double)i).ToArray();
        LineChart.Save(Path.Combine(outDir, "best-so-far.png"), $"{strategy} search: best validation RMSE so far", "trial", "validation RMSE (stars)",
            [new ChartSeries("best so far", x, result.BestSoFar), new ChartSeries("trial", x, result.Trials.Select(t => double.IsFinite(t.Score) ? t.Score : double.NaN).ToArray())]);

        output.WriteLine($"best: trial {result.Best.Number + 1}, validation RMSE {result.Best.Score:0.0000} stars — {Describe(result.Best.Parameters)}");
        output.WriteLine($"{trials} trials in {clock.Elapsed.TotalSeconds:0} s; wrote {outDir}/trials.csv, trials.json, best-config.json, best-so-far.png");
        output.WriteLine($"use it: dotnet run -c Release --project HybridRec.Bench -- movielens --config {Path.Combine(outDir, "best-config.json")}");
        return 0;
    }

    /// <summary>The run configuration of a trial: grid points vary the seed preset, TPE points the tuned preset (single model, dense Adam).</summary>
    internal static RunConfig ConfigFor(string strategy, TrialParameters p, int maxEpochs)
    {
        if (strategy == "grid")
            return RunConfig.Seed with { EmbeddingSize = p.GetInt("embedding_size"), BatchSize = p.GetInt("batch_size"), Epochs = p.GetInt("epochs") };
        return RunConfig.Tuned with
        {
            EmbeddingSize = p.GetInt("embedding_size"),
            LearningRate = (float)p.Get("learning_rate"),
            BatchSize = p.GetInt("batch_size"),
            EmbeddingL2 = (float)p.Get("embedding_l2"),
            EmbeddingTableL2 = (float)p.Get("embedding_table_l2"),
            DenseL2 = (float)p.Get("dense_l2"),
            NeuralWidth = p.GetInt("neural_width"),
            GenreWidth = p.GetInt("genre_width"),
            TagWidth = p.GetInt("tag_width"),
            MinTagCount = p.GetInt("min_tag_count"),
            Adam = "dense",
            Epochs = maxEpochs,
        };
    }

    private static string Describe(TrialParameters p) =>
        string.Join(", ", p.Select(kv => $"{kv.Key}={kv.Value.ToString(kv.Value == Math.Floor(kv.Value) ? "0" : "G3", CultureInfo.InvariantCulture)}"));

}
