using System.CommandLine;
using System.Diagnostics;
using System.Globalization;
using System.Text;
using HybridRec.Bench.Charts;
using HybridRec.Bench.Cli;
using HybridRec.Bench.Configuration;
using HybridRec.Model;
using HybridRec.Model.Evaluation;
using HybridRec.Model.Serialization;
using HybridRec.Model.Training;

namespace HybridRec.Bench.Commands;

/// <summary>
/// The seed preset (the original notebook) and the tuned default side by side on the same splits: test RMSE and
/// MAE, NDCG, precision and recall at 10, training time and training + evaluation time (each measured), averaged over
/// seeds, with the popularity baseline's ranking metrics on the same splits, plus a learning-curve chart of validation
/// RMSE per epoch.
/// </summary>
internal sealed class CompareCommand(SharedOptions shared)
{
    private readonly Option<long[]?> _seeds = CliOption.LongList("--seeds", "seeds of the splits, initialisation and shuffles (default 1,2,3)");
    private readonly Option<string?> _config = CliOption.ExistingPath("--config", "compare against this configuration file instead of the tuned preset", "FILE");
    private readonly Option<string?> _out = CliOption.Text("--out", "results folder (default runs/compare): comparison.md, learning-curves.png", "DIR");

    public Command Create()
    {
        var command = new Command("compare",
            "the seed preset and the tuned default side by side (test RMSE, MAE, NDCG/precision/recall@10, training time and training + evaluation time) " +
            "with the popularity baseline's ranking metrics on the same splits, and learning curves");
        shared.Data.AddTo(command);
        var run = shared.Run;
        foreach (var o in new Option[] { _seeds, run.SplitSeed, _config, _out, shared.Ranking.ExportSplit, shared.Ranking.RelevantAtLeast, run.Threads, run.Backend, run.MemoryLimit })
            command.Add(o);
        command.SetAction(Run);
        return command;
    }

    private int Run(ParseResult r)
    {
        var output = r.InvocationConfiguration.Output;
        string outDir = r.GetValue(_out) ?? Path.Combine("runs", "compare");
        string? exportDir = r.GetValue(shared.Ranking.ExportSplit);
        OutputPaths.CheckDirectory("--out", outDir);
        OutputPaths.CheckDirectory("--export-split", exportDir);
        var ranking = shared.Ranking.Resolve(r);
        var seeds = r.GetList(_seeds) ?? [1, 2, 3];
        long? splitSeed = r.GetValue(shared.Run.SplitSeed);
        var options = shared.Configuration;
        var configs = new (string Name, HybridConfiguration Config)[]
        {
            ("seed (original)", HybridPresets.Original),
            r.GetValue(_config) is string path ? ($"config {Path.GetFileName(path)}", options.LoadFile(path)) : ("tuned (default)", HybridPresets.Tuned),
        };

        var rows = new List<(string Name, long Seed, RatingMetrics Test, RankingSummary Ranking, double TrainSeconds, double TotalSeconds, int Epochs, double[] Curve)>();
        var popularity = new Dictionary<long, RankingSummary>();
        foreach (var (name, config) in configs)
        {
            var (data, _) = shared.Data.Load(r, config.MinTagCount, TextWriter.Null);
            foreach (long seed in seeds)
            {
                var split = shared.Data.SplitOf(r, data, splitSeed ?? seed);
                var runConfig = shared.Run.WithRun(r, config, seed);
                TrainingChecks.Check(data, split.Train.Count, runConfig, options, h => $"{h.Field} {h.Show(runConfig)} of {name}", r.GetValue(shared.Run.MemoryLimit));
                if (!popularity.ContainsKey(seed))
                {
                    // The baseline depends on the split only (the configurations differ in their tag threshold, not their ratings).
                    if (exportDir is not null) RankingFlags.Export(data, split, Path.Combine(exportDir, $"seed-{seed}"), output);
                    popularity[seed] = RankingEvaluator.EvaluatePopularity(split.Train, split.Test, data.Users.Count, data.Items.Count, ranking);
                }
                var clock = Stopwatch.StartNew();
                var result = HybridTrainer.Train(data, split.Train, runConfig);
                double trainSeconds = clock.Elapsed.TotalSeconds;
                var test = result.Model.Evaluate(split.Test);
                var rank = RankingEvaluator.Evaluate(result.Model, split.Test, ranking);
                double totalSeconds = clock.Elapsed.TotalSeconds;
                var curve = result.FirstMemberHistory.Select(h => h.ValidationRmseStars).ToArray();
                rows.Add((name, seed, test, rank, trainSeconds, totalSeconds, result.History.Count, curve));
                output.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"{name,-22} seed {seed}: test RMSE {test.RmseStars:0.0000} stars, MAE {test.MaeStars:0.0000}, NDCG@10 {rank.Ndcg:0.0000} (popularity {popularity[seed].Ndcg:0.0000}), " +
                    $"training {trainSeconds:0.0} s ({result.History.Count} epochs), training + evaluation {totalSeconds:0.0} s"));
            }
        }

        var sb = new StringBuilder();
        sb.AppendLine($"Seeds {string.Join(", ", seeds)}{(splitSeed is long s ? $" (models; one split, seed {s})" : "")}; random 80/20 splits of {shared.Data.Describe(r)}; test metrics averaged over the seeds (min–max in brackets).");
        sb.AppendLine(FormattableString.Invariant(
            $"Ranking @10: for each test user every item not rated in training is ranked; relevant = test rating ≥ {ranking.RelevantAtLeast:0.0}; popularity ranks by the number of training ratings."));
        sb.AppendLine("Training time: HybridTrainer.Train alone (all members, validation and refits included); training + evaluation adds the test RMSE/MAE and the ranking pass.");
        sb.AppendLine();
        sb.AppendLine("| configuration | test RMSE (stars) | test RMSE [0,1] | test MAE (stars) | NDCG@10 | precision@10 | recall@10 | training time | training + evaluation time |");
        sb.AppendLine("|---|---:|---:|---:|---:|---:|---:|---:|---:|");
        foreach (var g in rows.GroupBy(x => x.Name))
        {
            var x = g.ToList();
            sb.AppendLine(FormattableString.Invariant(
                $"| {g.Key} | {x.Average(y => y.Test.RmseStars):0.0000} [{x.Min(y => y.Test.RmseStars):0.0000}–{x.Max(y => y.Test.RmseStars):0.0000}] | {x.Average(y => y.Test.Rmse):0.0000} | {x.Average(y => y.Test.MaeStars):0.0000} | {x.Average(y => y.Ranking.Ndcg):0.0000} | {x.Average(y => y.Ranking.Precision):0.0000} | {x.Average(y => y.Ranking.Recall):0.0000} | {x.Average(y => y.TrainSeconds):0.0} s | {x.Average(y => y.TotalSeconds):0.0} s |"));
        }
        var pop = popularity.Values.ToList();
        sb.AppendLine(FormattableString.Invariant(
            $"| popularity (most-rated first) | — | — | — | {pop.Average(x => x.Ndcg):0.0000} | {pop.Average(x => x.Precision):0.0000} | {pop.Average(x => x.Recall):0.0000} | — | — |"));
        string table = sb.ToString();
        Directory.CreateDirectory(outDir);
        AtomicFile.WriteAllText(Path.Combine(outDir, "comparison.md"), table);
        var series = rows.Where(x => x.Seed == seeds[0])
            .Select(x => new ChartSeries(x.Name, Enumerable.Range(1, x.Curve.Length).Select(i => (double)i).ToArray(), x.Curve)).ToList();
        LineChart.Save(Path.Combine(outDir, "learning-curves.png"), $"Validation RMSE per epoch (seed {seeds[0]}, first ensemble member)", "epoch", "validation RMSE (stars)", series);
        output.WriteLine();
        output.Write(table);
        output.WriteLine($"wrote {Path.Combine(outDir, "comparison.md")} and learning-curves.png");
        return ExitCodes.Success;
    }
}
