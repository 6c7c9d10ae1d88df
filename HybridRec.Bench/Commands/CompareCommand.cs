using System.Diagnostics;
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
/// MAE, NDCG, precision and recall at 10, training time, averaged over seeds, with the popularity baseline's ranking
/// metrics on the same splits, plus a learning-curve chart of validation RMSE per epoch.
/// </summary>
internal static class CompareCommand
{
    public const string Usage = """
        compare [options]        the seed preset and the tuned default side by side (test RMSE, MAE, NDCG/precision/recall@10, time)
                                 with the popularity baseline's ranking metrics on the same splits, and learning curves
          --seeds LIST           seeds of the splits, initialisation and shuffles (default 1,2,3)
          --split-seed S         keep one split (this seed) and vary only the models' seeds
          --config FILE          compare against this configuration instead of the tuned preset
          --out DIR              results folder (default runs/compare): comparison.md, learning-curves.png
          --export-split DIR     write each seed's split as DIR/seed-S/train.csv and test.csv (userId,movieId,rating: raw ids,
                                 the data's rating values; no timestamps, the loaders keep none), atomically
        """ + "\n" + RankingFlags.Usage + "\n" + """
          --data PATH  --split S  --max-ratings N  --threads N  --backend B
        """;

    public static int Run(IReadOnlyList<string> args, TextWriter output)
    {
        var cl = CliArguments.Parse("compare", args,
            [.. DataSelection.Options, "seeds", "config", "out", "threads", "backend", "split-seed", "export-split", .. RankingFlags.Options], []);
        var ranking = RankingFlags.Resolve(cl);
        string? exportDir = cl.String("export-split");
        var backend = cl.Backend();
        var seeds = cl.LongList("seeds") ?? [1, 2, 3];
        string outDir = cl.String("out") ?? Path.Combine("runs", "compare");
        int threads = cl.Int("threads", 0, 1024) ?? 0;
        var configs = new (string Name, HybridConfiguration Config)[]
        {
            ("seed (original)", HybridPresets.Original),
            (cl.String("config") is string path ? $"config {Path.GetFileName(path)}" : "tuned (default)", cl.String("config") is string p ? HybridConfiguration.Load(p) : HybridPresets.Tuned),
        };

        var rows = new List<(string Name, long Seed, RatingMetrics Test, RankingSummary Ranking, double Seconds, int Epochs, double[] Curve)>();
        var popularity = new Dictionary<long, RankingSummary>();
        foreach (var (name, config) in configs)
        {
            var (data, _) = DataSelection.Load(cl, config.MinTagCount, TextWriter.Null);
            foreach (long seed in seeds)
            {
                var split = DataSelection.Split(cl, data, cl.Long("split-seed") ?? seed);
                if (!popularity.ContainsKey(seed))
                {
                    // The baseline depends on the split only (the configurations differ in their tag threshold, not their ratings).
                    if (exportDir is not null) RankingFlags.Export(data, split, Path.Combine(exportDir, $"seed-{seed}"), output);
                    popularity[seed] = RankingEvaluator.EvaluatePopularity(split.Train, split.Test, data.Users.Count, data.Items.Count, ranking);
                }
                var clock = Stopwatch.StartNew();
                var result = HybridTrainer.Train(data, split.Train, ConfigurationFlags.WithRun(config, seed, backend, threads));
                double seconds = clock.Elapsed.TotalSeconds;
                var test = result.Model.Evaluate(split.Test);
                var r = RankingEvaluator.Evaluate(result.Model, split.Test, ranking);
                var curve = result.FirstMemberHistory.Select(h => h.ValidationRmseStars).ToArray();
                rows.Add((name, seed, test, r, seconds, result.History.Count, curve));
                output.WriteLine(FormattableString.Invariant(
                    $"{name,-22} seed {seed}: test RMSE {test.RmseStars:0.0000} stars, MAE {test.MaeStars:0.0000}, NDCG@10 {r.Ndcg:0.0000} (popularity {popularity[seed].Ndcg:0.0000}), {seconds:0.0} s ({result.History.Count} epochs)"));
            }
        }

        var sb = new StringBuilder();
        sb.AppendLine($"Seeds {string.Join(", ", seeds)}{(cl.Has("split-seed") ? $" (models; one split, seed {cl.String("split-seed")})" : "")}; random 80/20 splits of {(cl.String("data") ?? BundledData.Name)}; test metrics averaged over the seeds (min–max in brackets).");
        sb.AppendLine(FormattableString.Invariant(
            $"Ranking @10: for each test user every item not rated in training is ranked; relevant = test rating ≥ {ranking.RelevantAtLeast:0.0}; popularity ranks by the number of training ratings."));
        sb.AppendLine();
        sb.AppendLine("| configuration | test RMSE (stars) | test RMSE [0,1] | test MAE (stars) | NDCG@10 | precision@10 | recall@10 | training + evaluation time |");
        sb.AppendLine("|---|---:|---:|---:|---:|---:|---:|---:|");
        foreach (var g in rows.GroupBy(r => r.Name))
        {
            var r = g.ToList();
            sb.AppendLine(FormattableString.Invariant(
                $"| {g.Key} | {r.Average(x => x.Test.RmseStars):0.0000} [{r.Min(x => x.Test.RmseStars):0.0000}–{r.Max(x => x.Test.RmseStars):0.0000}] | {r.Average(x => x.Test.Rmse):0.0000} | {r.Average(x => x.Test.MaeStars):0.0000} | {r.Average(x => x.Ranking.Ndcg):0.0000} | {r.Average(x => x.Ranking.Precision):0.0000} | {r.Average(x => x.Ranking.Recall):0.0000} | {r.Average(x => x.Seconds):0.0} s |"));
        }
        var pop = popularity.Values.ToList();
        sb.AppendLine(FormattableString.Invariant(
            $"| popularity (most-rated first) | — | — | — | {pop.Average(x => x.Ndcg):0.0000} | {pop.Average(x => x.Precision):0.0000} | {pop.Average(x => x.Recall):0.0000} | — |"));
        string table = sb.ToString();
        Directory.CreateDirectory(outDir);
        AtomicFile.WriteAllText(Path.Combine(outDir, "comparison.md"), table);
        var series = rows.Where(r => r.Seed == seeds[0])
            .Select(r => new ChartSeries(r.Name, Enumerable.Range(1, r.Curve.Length).Select(i => (double)i).ToArray(), r.Curve)).ToList();
        LineChart.Save(Path.Combine(outDir, "learning-curves.png"), $"Validation RMSE per epoch (seed {seeds[0]}, first ensemble member)", "epoch", "validation RMSE (stars)", series);
        output.WriteLine();
        output.Write(table);
        output.WriteLine($"wrote {Path.Combine(outDir, "comparison.md")} and learning-curves.png");
        return 0;
    }
}
