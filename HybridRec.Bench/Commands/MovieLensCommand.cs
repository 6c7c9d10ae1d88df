using System.Diagnostics;
using System.Globalization;
using HybridRec.Bench.Cli;
using HybridRec.Bench.Configuration;
using HybridRec.Bench.Reports;
using HybridRec.Model;
using HybridRec.Model.Backends;
using HybridRec.Model.Training;

namespace HybridRec.Bench.Commands;

/// <summary>
/// The main job: load MovieLens (the bundled ml-latest-small by default), split, train with progress, report test
/// RMSE/MAE and ranking quality, throughput, and the top recommendations for a user.
/// </summary>
internal static class MovieLensCommand
{
    public const string Usage = """
        movielens [options]      train, evaluate and recommend (the main job)
          --data PATH            release directory or .zip (default: the bundled ml-latest-small)
          --split S              random (80/20, default) | random:F (test fraction F) | u1..u5, ua, ub (ml-100k)
          --preset P             tuned (default) | seed (the original notebook's model and hyperparameters)
          --config FILE          hyperparameters from a JSON file written by 'tune' (overrides the preset)
          --epochs N  --batch-size N  --embedding-size N  --learning-rate X  --min-tag-count N
          --adam dense|lazy  --biases on|off  --embedding-l2 X  --table-l2 X  --dense-l2 X  --patience N  --validation F
          --lr-decay F           multiply the learning rate by F when validation RMSE stalls (1: off)
          --epsilon X            Adam's ε (default 1e-7)
          --init-range X         embeddings start uniform in ±X (seed preset: Keras' 0.05)
          --refit / --no-refit   retrain each model on all training ratings for its best epoch count (tuned default: on)
          --ensemble N           train N models on their own seeds and validation parts and average them
          --backend B            cpu (default) | cuda | ilgpu-cpu | opencl | auto
          --max-ratings N        use only the first N ratings of the file
          --threads N            CPU threads for the cpu backend (default: all)
          --seed S               seed of the split, initialisation and shuffles (default 42)
          --split-seed S         seed of the random split only (default: --seed)
          --user ID              user to recommend for (default: the first user id)
          --top K                number of recommendations (default 3)
          --progress N           report every N batches, at most every 2 s (default 50; 0: epochs only)
          --no-ranking           skip the ranking metrics (NDCG@10 etc.)
          --save PATH            write the trained model (one file, atomic)
          --report PATH          write a JSON report
        """;

    /// <summary>The hyperparameter options <see cref="ResolveConfig"/> reads (besides <c>--refit</c>/<c>--no-refit</c>).</summary>
    internal static readonly string[] ConfigOptions =
    [
        "preset", "config", "epochs", "batch-size", "embedding-size", "learning-rate", "adam", "biases", "embedding-l2", "table-l2", "dense-l2",
        "ensemble", "lr-decay", "epsilon", "init-range", "patience", "validation",
    ];

    private static readonly string[] ValueOptions =
    [
        .. DataSelection.Options, .. ConfigOptions, "backend", "threads", "seed", "split-seed", "user", "top", "save", "report", "progress",
    ];

    public static int Run(IReadOnlyList<string> args, TextWriter output)
    {
        var wall = Stopwatch.StartNew();
        var cl = CliArguments.Parse("movielens", args, ValueOptions, ["no-ranking", "refit", "no-refit"]);
        string presetName = cl.Choice("preset", "tuned", "seed") ?? "tuned";
        var config = ResolveConfig(cl, presetName);
        long seed = cl.Long("seed") ?? TrainingOptions.DefaultSeed;
        var backend = cl.Backend();
        int threads = cl.Int("threads", 0, 1024) ?? 0;
        int top = cl.Int("top", 0, 1000) ?? 3;

        var (data, loadTime) = DataSelection.Load(cl, config.MinTagCount, output);
        var split = DataSelection.Split(cl, data, cl.Long("split-seed") ?? seed);
        output.WriteLine($"split: {split.Name}: {split.Train.Count:N0} train, {split.Test.Count:N0} test");

        int user = cl.Int("user") ?? data.Users.GetRawId(0);
        if (!data.Users.Contains(user))
            throw new UsageException($"--user {user}: no such user in {data.Name} ({data.Users.Count:N0} users, ids {data.Users.GetRawId(0)}–{data.Users.GetRawId(data.Users.Count - 1)}).");

        var modelOptions = config.ToModelOptions();
        int progressInterval = cl.Int("progress", 0) ?? 50;
        var trainingOptions = config.ToTrainingOptions(seed, backend, threads, progressInterval);
        output.WriteLine($"model: E={modelOptions.EmbeddingSize} (init ±{modelOptions.EmbeddingInitRange:G3}), widths {modelOptions.ResolvedNeuralWidth}/{modelOptions.ResolvedGenreWidth}/{modelOptions.ResolvedTagWidth}, " +
                         $"biases {(modelOptions.UseBiases ? "on" : "off")}, λe {modelOptions.EmbeddingL2:G3}, λt {modelOptions.EmbeddingTableL2:G3}, λd {modelOptions.DenseL2:G3}; " +
                         $"Adam {config.Adam} lr {config.LearningRate:G3}, batch {config.BatchSize}, {(config.Patience is int p ? $"up to {config.Epochs} epochs, patience {p}" : $"{config.Epochs} epochs")}{(config.EnsembleSize > 1 ? $", ensemble of {config.EnsembleSize}" : "")} [{presetName}{(cl.Has("config") ? " + " + cl.String("config") : "")}]");

        var result = Train(data, split, modelOptions, trainingOptions, output);
        output.WriteLine($"backend: {result.Backend} — {result.Device}{(result.ConcurrentMembers > 1 ? $" per model, {result.ConcurrentMembers} models at a time" : "")}");
        var test = result.Model.Evaluate(split.Test);
        output.WriteLine($"test RMSE {test.RmseStars:0.0000} stars ({test.Rmse:0.0000} on [0,1]), MAE {test.MaeStars:0.0000} stars ({test.Mae:0.0000}) on {test.Count:N0} ratings");

        var report = new RunReport
        {
            Dataset = data.Name, Source = data.Source, Split = split.Name, Preset = presetName + (cl.Has("config") ? "+config" : ""), Seed = seed,
            Backend = result.Backend, Device = result.Device,
            Users = data.Users.Count, Movies = data.Movies.Count, Genres = data.Genres.Columns, Tags = data.Tags.Columns, MinTagCount = config.MinTagCount,
            Ratings = data.Ratings.Count, TrainRatings = result.TrainSamples, ValidationRatings = result.ValidationSamples, TestRatings = split.Test.Count,
            EmbeddingSize = modelOptions.EmbeddingSize, BatchSize = config.BatchSize, LearningRate = config.LearningRate, Adam = config.Adam,
            Biases = modelOptions.UseBiases, EmbeddingL2 = modelOptions.EmbeddingL2, DenseL2 = modelOptions.DenseL2,
            Epochs = result.History.Count, BestEpoch = result.BestEpoch, StoppedEarly = result.StoppedEarly,
            TestRmse = test.RmseStars, TestRmseNormalized = test.Rmse, TestMae = test.MaeStars, TestMaeNormalized = test.Mae,
            LoadSeconds = loadTime.TotalSeconds, TrainSeconds = result.TrainTime.TotalSeconds, SamplesPerSecond = result.SamplesPerSecond,
            User = user,
            History = result.History.Select(h => new ReportEpoch(h.Epoch, h.TrainRmse, h.ValidationRmse, h.ValidationRmseStars, h.Duration.TotalSeconds, h.SamplesPerSecond)).ToList(),
        };

        if (!cl.Flag("no-ranking")) RankingReport.Add(result.Model, split.Test, report, output);

        output.WriteLine($"training: {result.TrainTime.TotalSeconds:0.0} s, {result.SamplesPerSecond.ToString("N0", CultureInfo.InvariantCulture)} samples/s ({result.History.Count} epochs of {result.TrainSamples:N0} samples{(config.EnsembleSize > 1 ? $" over {config.EnsembleSize} models" : "")}{(config.RefitOnAllData ? ", plus the refits" : "")}{(result.ConcurrentMembers > 1 ? $"; {result.ConcurrentMembers} models at a time" : "")})");
        var recs = result.Model.Recommend(user, top);
        output.WriteLine($"top {top} for user {user}:");
        for (int i = 0; i < recs.Count; i++)
            output.WriteLine($"  {i + 1}. {recs[i].Title} (movie {recs[i].MovieId}) — predicted {recs[i].PredictedRating:0.00} stars");
        report.Recommendations = recs.Select(r => new ReportRecommendation(r.MovieId, r.Title, Math.Round(r.PredictedRating, 4))).ToList();

        if (cl.String("save") is string savePath)
        {
            result.Model.Save(savePath);
            output.WriteLine($"model saved to {savePath} ({new FileInfo(savePath).Length:N0} bytes)");
        }
        wall.Stop();
        report.WallSeconds = wall.Elapsed.TotalSeconds;
        report.PeakMemoryBytes = Process.GetCurrentProcess().PeakWorkingSet64;
        output.WriteLine($"wall time {wall.Elapsed.TotalSeconds:0.0} s, peak memory {report.PeakMemoryBytes / (1024.0 * 1024.0):N0} MiB");
        if (cl.String("report") is string reportPath)
        {
            report.Save(reportPath);
            output.WriteLine($"report written to {reportPath}");
        }
        return 0;
    }

    /// <summary><c>--refit</c> (which needs the best epoch restored) or <c>--no-refit</c> over the configuration's choice.</summary>
    internal static RunConfig ApplyRefitFlags(CliArguments cl, RunConfig c)
    {
        if (cl.Flag("refit") && cl.Flag("no-refit")) throw new UsageException("--refit and --no-refit contradict each other.");
        if (cl.Flag("refit")) return c with { RefitOnAllData = true, RestoreBestEpoch = true };
        if (cl.Flag("no-refit")) return c with { RefitOnAllData = false };
        return c;
    }

    /// <summary>Preset, then <c>--config</c>, then individual flags.</summary>
    internal static RunConfig ResolveConfig(CliArguments cl, string presetName, bool readAdam = true)
    {
        var c = RunConfig.Preset(presetName);
        if (cl.String("config") is string path) c = RunConfig.Load(path);
        c = c with
        {
            Epochs = cl.Int("epochs", 1, 100_000) ?? c.Epochs,
            BatchSize = cl.Int("batch-size", 1, 1 << 24) ?? c.BatchSize,
            EmbeddingSize = cl.Int("embedding-size", 1, 4096) ?? c.EmbeddingSize,
            LearningRate = (float?)cl.Double("learning-rate", 1e-9, 10) ?? c.LearningRate,
            MinTagCount = cl.Int("min-tag-count", 1) ?? c.MinTagCount,
            Adam = readAdam ? cl.Choice("adam", "dense", "lazy") ?? c.Adam : c.Adam,
            UseBiases = cl.Choice("biases", "on", "off") is string b ? b == "on" : c.UseBiases,
            EmbeddingL2 = (float?)cl.Double("embedding-l2", 0, 1e6) ?? c.EmbeddingL2,
            EmbeddingTableL2 = (float?)cl.Double("table-l2", 0, 1e6) ?? c.EmbeddingTableL2,
            DenseL2 = (float?)cl.Double("dense-l2", 0, 1e6) ?? c.DenseL2,
            EnsembleSize = cl.Int("ensemble", 1, 100) ?? c.EnsembleSize,
            LearningRateDecay = (float?)cl.Double("lr-decay", 0.001, 1) ?? c.LearningRateDecay,
            Epsilon = (float?)cl.Double("epsilon", 1e-12, 1) ?? c.Epsilon,
            EmbeddingInitRange = (float?)cl.Double("init-range", 0, 10) ?? c.EmbeddingInitRange,
            Patience = cl.Int("patience", 1) ?? c.Patience,
            ValidationFraction = cl.Double("validation", 0, 0.9) ?? c.ValidationFraction,
        };
        if (cl.Has("patience")) c = c with { RestoreBestEpoch = true };
        c = ApplyRefitFlags(cl, c);
        if (c.ValidationFraction == 0)
        {
            // No validation part: train on every training rating for the given epochs (nothing to stop on or refit from).
            if (cl.Flag("refit")) throw new UsageException("--refit needs a validation part to choose the epoch count (--validation F with F > 0).");
            c = c with { Patience = null, RestoreBestEpoch = false, RefitOnAllData = false };
        }
        c.Validate();
        return c;
    }

    internal static TrainingResult Train(HybridRec.Data.MovieLensDataset data, HybridRec.Data.RatingSplit split, HybridModelOptions model, TrainingOptions options, TextWriter output)
    {
        var progress = new ConsoleProgress(output);
        var result = HybridTrainer.Train(data, split.Train, model, options, progress);
        if (result.ValidationSamples > 0)
        {
            var first = result.FirstMemberHistory;
            var best = first[result.BestEpoch - 1];
            string what = options.RefitOnAllData ? "best" : options.RestoreBestEpoch ? "restored" : "final";
            string refit = options.RefitOnAllData ? $"; each refit on all {split.Train.Count:N0} training ratings for its best epoch count" : "";
            if (options.EnsembleSize == 1)
                output.WriteLine($"{what} epoch {result.BestEpoch}: validation RMSE {best.ValidationRmseStars:0.0000} stars" +
                                 (result.StoppedEarly ? $" (stopped early after epoch {first.Count})" : "") + refit);
            else
                output.WriteLine($"ensemble of {options.EnsembleSize} (each on its own seed and validation part): {what} epochs {string.Join(", ", result.BestEpochs)}; " +
                                 $"{result.History.Count} epochs in all{refit}");
        }
        return result;
    }

    /// <summary>
    /// Writes progress lines synchronously (Progress&lt;T&gt; would post them to the thread pool, out of order). Batch
    /// lines are throttled to one every two seconds; epoch lines always print.
    /// </summary>
    private sealed class ConsoleProgress(TextWriter output) : IProgress<TrainingProgress>
    {
        private readonly Stopwatch _sinceLast = Stopwatch.StartNew();

        public void Report(TrainingProgress p)
        {
            if (p.Epoch is null && _sinceLast.Elapsed < TimeSpan.FromSeconds(2)) return;
            _sinceLast.Restart();
            string model = p.Members > 1 ? $"model {p.Member + 1}/{p.Members}  " : "";
            if (p.Epoch is { } e)
                output.WriteLine($"{model}epoch {e.Epoch,3}/{p.Epochs}  train RMSE {e.TrainRmse:0.0000}  val RMSE {e.ValidationRmse:0.0000} ({e.ValidationRmseStars:0.0000} stars)  " +
                                 $"{e.Duration.TotalSeconds,6:0.00} s  {e.SamplesPerSecond.ToString("N0", CultureInfo.InvariantCulture),12} samples/s");
            else
                output.WriteLine($"{model}epoch {p.EpochNumber,3}/{p.Epochs}  batch {p.Batch}/{p.Batches}  train RMSE {p.RunningTrainRmse:0.0000}");
        }
    }
}
