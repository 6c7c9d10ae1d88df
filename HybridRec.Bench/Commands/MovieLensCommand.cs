using System.Diagnostics;
using System.Globalization;
using HybridRec.Bench.Cli;
using HybridRec.Bench.Configuration;
using HybridRec.Bench.Reports;
using HybridRec.Data;
using HybridRec.Model;
using HybridRec.Model.Recommendation;
using HybridRec.Model.Training;

namespace HybridRec.Bench.Commands;

/// <summary>
/// The main job: load MovieLens (the bundled ml-latest-small by default) or a CSV import, split, train with
/// progress, report test RMSE/MAE and ranking quality, throughput, and the top recommendations for a user.
/// </summary>
internal static class MovieLensCommand
{
    public const string Usage = """
        movielens [options]      train, evaluate and recommend (the main job)
          --data PATH            release directory or .zip (default: the bundled ml-latest-small)
        """ + "\n" + DataSelection.ImportUsage + "\n" + """
          --split S              random (80/20, default) | random:F (test fraction F) | u1..u5, ua, ub (ml-100k)
          --preset P             tuned (default) | seed (the original notebook's model and hyperparameters)
          --config FILE          hyperparameters from a JSON file written by 'tune' (overrides the preset)
          --epochs N  --batch-size N  --embedding-size N  --learning-rate X  --min-tag-count N
          --adam dense|lazy  --biases on|off  --embedding-l2 X  --table-l2 X  --dense-l2 X  --patience N  --validation F
          --user-features on|off towers over the users' feature groups (ml-100k, ml-1m, --users; tuned default: on)
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
          --top K                number of recommendations (default 3, at most 1000)
          --progress N           report every N batches, at most every 2 s (default 50; 0: epochs only)
          --no-ranking           skip the ranking metrics (NDCG@10 etc., the model's and the popularity baseline's)
        """ + "\n" + RankingFlags.Usage + "\n" + RankingFlags.ExportUsage + "\n" + """
          --save PATH            write the trained model (one file, atomic)
          --report PATH          write a JSON report
        """;

    private static readonly string[] ValueOptions =
    [
        .. DataSelection.Options, .. ConfigurationFlags.Options, "backend", "threads", "seed", "split-seed", "user", "top", "save", "report", "progress",
        "export-split", .. RankingFlags.Options,
    ];

    public static int Run(IReadOnlyList<string> args, TextWriter output)
    {
        var wall = Stopwatch.StartNew();
        var cl = CliArguments.Parse("movielens", args, ValueOptions, ["no-ranking", .. ConfigurationFlags.Flags]);
        string presetName = ConfigurationFlags.PresetName(cl);
        long seed = cl.Long("seed") ?? TrainingOptions.DefaultSeed;
        var config = ConfigurationFlags.WithRun(ConfigurationFlags.Resolve(cl, presetName), seed, cl.Backend(), cl.Int("threads", 0, 1024) ?? 0, cl.Int("progress", 0) ?? 50);
        int top = cl.Int("top", 1, RecommendOptions.MaxCount) ?? RecommendOptions.DefaultCount;
        var ranking = RankingFlags.Resolve(cl);

        var (data, loadTime) = DataSelection.Load(cl, config.MinTagCount, output);
        var split = DataSelection.Split(cl, data, cl.Long("split-seed") ?? seed);
        output.WriteLine($"split: {split.Name}: {split.Train.Count:N0} train, {split.Test.Count:N0} test");
        if (cl.String("export-split") is string exportDir) RankingFlags.Export(data, split, exportDir, output);
        int user = cl.Int("user") ?? data.Users.GetRawId(0);
        if (!data.Users.Contains(user))
            throw new UsageException($"--user {user}: no such user in {data.Name} ({data.Users.Count:N0} users, ids {data.Users.GetRawId(0)}–{data.Users.GetRawId(data.Users.Count - 1)}).");
        output.WriteLine($"{ConfigurationFlags.Describe(config, data)} [{presetName}{(cl.Has("config") ? " + " + cl.String("config") : "")}]");

        var result = Train(data, split, config, output);
        output.WriteLine($"backend: {result.Backend} — {result.Device}{(result.ConcurrentMembers > 1 ? $" per model, {result.ConcurrentMembers} models at a time" : "")}");
        var test = result.Model.Evaluate(split.Test);
        output.WriteLine($"test RMSE {test.RmseStars:0.0000} stars ({test.Rmse:0.0000} on [0,1]), MAE {test.MaeStars:0.0000} stars ({test.Mae:0.0000}) on {test.Count:N0} ratings");

        var report = RunReport.Create(data, split, config, result, test, presetName + (cl.Has("config") ? "+config" : ""), loadTime, user);
        string noun = DatasetFormats.IsMovieLens(data.Format) ? "movie" : "item";
        if (!cl.Flag("no-ranking")) RankingReport.Add(result.Model, split, ranking, report, output, noun);

        var t = config.Training;
        output.WriteLine($"training: {result.TrainTime.TotalSeconds:0.0} s, {result.SamplesPerSecond.ToString("N0", CultureInfo.InvariantCulture)} samples/s ({result.History.Count} epochs of {result.TrainSamples:N0} samples{(t.EnsembleSize > 1 ? $" over {t.EnsembleSize} models" : "")}{(t.RefitOnAllData ? ", plus the refits" : "")}{(result.ConcurrentMembers > 1 ? $"; {result.ConcurrentMembers} models at a time" : "")})");
        var recs = result.Model.Recommend(user, new RecommendOptions { Count = top });
        output.WriteLine($"top {top} for user {user}:");
        for (int i = 0; i < recs.Count; i++)
            output.WriteLine($"  {i + 1}. {(recs[i].Name.Length > 0 ? recs[i].Name + " " : "")}({noun} {recs[i].ItemId}) — predicted {recs[i].PredictedRating:0.00} stars (score {recs[i].Score:0.0000})");
        report.Recommendations = recs.Select(r => new ReportRecommendation(r.ItemId, r.Name, Math.Round(r.Score, 6), Math.Round(r.PredictedRating, 4))).ToList();

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

    /// <summary>Trains with console progress and prints which epochs the members kept.</summary>
    private static TrainingResult Train(RatingDataset data, RatingSplit split, HybridConfiguration config, TextWriter output)
    {
        var options = config.Training;
        var result = HybridTrainer.Train(data, split.Train, config, new ConsoleProgress(output));
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
}
