using System.CommandLine;
using System.Diagnostics;
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
/// Every input is checked before training: the options when parsed, the output paths, the split, and the
/// configuration against the data (<see cref="TrainingChecks"/>).
/// </summary>
internal sealed class MovieLensCommand(SharedOptions shared)
{
    private readonly Option<int?> _user = CliOption.Int("--user", "user id to recommend for (default: the first user id)", helpName: "ID");
    private readonly Option<int?> _top = CliOption.Int("--top", $"number of recommendations (default {RecommendOptions.DefaultCount})", 1, RecommendOptions.MaxCount, "K");
    private readonly Option<bool> _noRanking = CliOption.Flag("--no-ranking", "skip the ranking metrics (NDCG@10 etc., the model's and the popularity baseline's)");
    private readonly Option<string?> _save = CliOption.Text("--save", "write the trained model (one file, atomic); the path is checked before training", "PATH");
    private readonly Option<string?> _report = CliOption.Text("--report", "write a JSON report of every setting and figure (atomic); the path is checked before training", "PATH");

    public Command Create()
    {
        var command = new Command("movielens", "train, evaluate and recommend (the main job): test RMSE/MAE, ranking @10 against the popularity baseline, samples/s, top-K for a user");
        shared.Data.AddTo(command);
        shared.Configuration.AddTo(command);
        var run = shared.Run;
        foreach (var o in new Option[] { run.Backend, run.Threads, run.Seed, run.SplitSeed, run.Progress, run.MemoryLimit, _user, _top, _noRanking,
                     shared.Ranking.RelevantAtLeast, shared.Ranking.ExportSplit, _save, _report })
            command.Add(o);
        command.SetAction(Run);
        return command;
    }

    private int Run(ParseResult r)
    {
        var output = r.InvocationConfiguration.Output;
        var wall = Stopwatch.StartNew();
        string? savePath = r.GetValue(_save), reportPath = r.GetValue(_report), exportDir = r.GetValue(shared.Ranking.ExportSplit);
        OutputPaths.CheckFile("--save", savePath);
        OutputPaths.CheckFile("--report", reportPath);
        OutputPaths.CheckDirectory("--export-split", exportDir);

        var options = shared.Configuration;
        string presetName = options.PresetName(r);
        string? configFile = r.GetValue(options.Config);
        long seed = r.GetValue(shared.Run.Seed) ?? TrainingOptions.DefaultSeed;
        var config = shared.Run.WithRun(r, options.Resolve(r), seed, r.GetValue(shared.Run.Progress) ?? RunOptions.DefaultProgressInterval);
        int top = r.GetValue(_top) ?? RecommendOptions.DefaultCount;
        var ranking = shared.Ranking.Resolve(r);

        var (data, loadTime) = shared.Data.Load(r, config.MinTagCount, output);
        var split = shared.Data.SplitOf(r, data, r.GetValue(shared.Run.SplitSeed) ?? seed);
        output.WriteLine($"split: {split.Name}: {split.Train.Count:N0} train, {split.Test.Count:N0} test");
        int user = r.GetValue(_user) ?? data.Users.GetRawId(0);
        if (!data.Users.Contains(user))
            throw new UsageException($"--user {user}: no such user in {data.Name} ({data.Users.Count:N0} users, ids {data.Users.GetRawId(0)}–{data.Users.GetRawId(data.Users.Count - 1)}).");
        output.WriteLine($"{ConfigurationText.Describe(config, data)} [{presetName}{(configFile is null ? "" : " + " + configFile)}]");
        var memory = TrainingChecks.Check(data, split.Train.Count, config, options, h => options.Origin(r, h, config), r.GetValue(shared.Run.MemoryLimit));
        if (exportDir is not null) RankingFlags.Export(data, split, exportDir, output);

        var result = HybridTrainer.Train(data, split.Train, config, new ConsoleProgress(output));
        var test = result.Model.Evaluate(split.Test);
        var report = RunReport.Create(data, split, config, result, test, presetName, configFile, loadTime, user, memory);
        foreach (var warning in result.Warnings) output.WriteLine($"warning: {warning}");
        if (TrainingSummary.Epochs(report, config.Training) is string epochs) output.WriteLine(epochs);
        output.WriteLine($"backend: {result.Backend} — {result.Device}{(result.ConcurrentMembers > 1 ? $" per model, {result.ConcurrentMembers} models at a time" : "")}");
        if (report.RankingLossLastEpoch is double ce)
            output.WriteLine(FormattableString.Invariant(
                $"ranking loss (ranking_loss_last_epoch): {ce:0.0000} = mean sampled-softmax cross-entropy per training rating, the rated {(DatasetFormats.IsMovieLens(data.Format) ? "movie" : "item")} against {config.Training.Ranking.Negatives} sampled unrated ones (logQ {(config.Training.Ranking.LogQCorrection ? "on" : "off")}), each model's last epoch that trained the head ({(config.Training.RefitOnAllData ? "its refit on all training ratings" : "on its fitting part")}), mean over models (equal logits would give {Math.Log(1 + config.Training.Ranking.Negatives):0.0000})"));
        output.WriteLine($"test RMSE {test.RmseStars:0.0000} stars ({test.Rmse:0.0000} on [0,1]), MAE {test.MaeStars:0.0000} stars ({test.Mae:0.0000}) on {test.Count:N0} ratings");

        string noun = DatasetFormats.IsMovieLens(data.Format) ? "movie" : "item";
        if (!r.GetValue(_noRanking)) RankingReport.Add(result.Model, split, ranking, report, output, noun);
        output.WriteLine(TrainingSummary.Throughput(report));

        var recs = result.Model.Recommend(user, new RecommendOptions { Count = top });
        output.WriteLine($"top {top} for user {user}:");
        for (int i = 0; i < recs.Count; i++)
            output.WriteLine($"  {i + 1}. {(recs[i].Name.Length > 0 ? recs[i].Name + " " : "")}({noun} {recs[i].ItemId}) — predicted {recs[i].PredictedRating:0.00} stars (score {recs[i].Score:0.0000})");
        report.Recommendations = recs.Select(x => new ReportRecommendation(x.ItemId, x.Name, Math.Round(x.Score, 6), Math.Round(x.PredictedRating, 4))).ToList();

        if (savePath is not null)
        {
            result.Model.Save(savePath);
            output.WriteLine($"model saved to {savePath} ({new FileInfo(savePath).Length:N0} bytes)");
        }
        wall.Stop();
        report.WallSeconds = wall.Elapsed.TotalSeconds;
        report.PeakMemoryBytes = Process.GetCurrentProcess().PeakWorkingSet64;
        output.WriteLine($"wall time {wall.Elapsed.TotalSeconds:0.0} s, peak memory {report.PeakMemoryBytes / (1024.0 * 1024.0):N0} MiB (training estimated at {MemoryEstimate.Size(memory.TotalBytes)})");
        if (reportPath is not null)
        {
            report.Save(reportPath);
            output.WriteLine($"report written to {reportPath}");
        }
        return ExitCodes.Success;
    }
}
