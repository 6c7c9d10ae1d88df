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
/// MAE, NDCG@10, training time, averaged over seeds, plus a learning-curve chart of validation RMSE per epoch.
/// </summary>
internal static class CompareCommand
{
    public const string Usage = """
        compare [options]        the seed preset and the tuned default side by side (test RMSE, MAE, NDCG@10, time) with learning curves
          --seeds LIST           seeds of the splits, initialisation and shuffles (default 1,2,3)
          --split-seed S         keep one split (this seed) and vary only the models' seeds
          --config FILE          compare against this configuration instead of the tuned preset
          --out DIR              results folder (default runs/compare): comparison.md, learning-curves.png
          --data PATH  --split S  --max-ratings N  --threads N  --backend B
        """;

    public static int Run(IReadOnlyList<string> args, TextWriter output)
    {
        var cl = CliArguments.Parse("compare", args, [.. DataSelection.Options, "seeds", "config", "out", "threads", "backend", "split-seed"], []);
        var backend = cl.Backend();
        var seeds = cl.LongList("seeds") ?? [1, 2, 3];
        string outDir = cl.String("out") ?? Path.Combine("runs", "compare");
        int threads = cl.Int("threads", 0, 1024) ?? 0;
        var configs = new (string Name, HybridConfiguration Config)[]
        {
            ("seed (original)", HybridPresets.Original),
            (cl.String("config") is string path ? $"config {Path.GetFileName(path)}" : "tuned (default)", cl.String("config") is string p ? HybridConfiguration.Load(p) : HybridPresets.Tuned),
        };

        var rows = new List<(string Name, long Seed, RatingMetrics Test, double Ndcg, double Seconds, int Epochs, double[] Curve)>();
        foreach (var (name, config) in configs)
        {
            var (data, _) = DataSelection.Load(cl, config.MinTagCount, TextWriter.Null);
            foreach (long seed in seeds)
            {
                var split = DataSelection.Split(cl, data, cl.Long("split-seed") ?? seed);
                var clock = Stopwatch.StartNew();
                var result = HybridTrainer.Train(data, split.Train, ConfigurationFlags.WithRun(config, seed, backend, threads));
                double seconds = clock.Elapsed.TotalSeconds;
                var test = result.Model.Evaluate(split.Test);
                double ndcg = RankingEvaluator.Evaluate(result.Model, split.Test, 10).Ndcg;
                var curve = result.FirstMemberHistory.Select(h => h.ValidationRmseStars).ToArray();
                rows.Add((name, seed, test, ndcg, seconds, result.History.Count, curve));
                output.WriteLine(FormattableString.Invariant($"{name,-22} seed {seed}: test RMSE {test.RmseStars:0.0000} stars, MAE {test.MaeStars:0.0000}, NDCG@10 {ndcg:0.0000}, {seconds:0.0} s ({result.History.Count} epochs)"));
            }
        }

        var sb = new StringBuilder();
        sb.AppendLine($"Seeds {string.Join(", ", seeds)}{(cl.Has("split-seed") ? $" (models; one split, seed {cl.String("split-seed")})" : "")}; random 80/20 splits of {(cl.String("data") ?? BundledData.Name)}; test metrics averaged over the seeds (min–max in brackets).");
        sb.AppendLine();
        sb.AppendLine("| configuration | test RMSE (stars) | test RMSE [0,1] | test MAE (stars) | NDCG@10 | training + evaluation time |");
        sb.AppendLine("|---|---:|---:|---:|---:|---:|");
        foreach (var g in rows.GroupBy(r => r.Name))
        {
            var r = g.ToList();
            sb.AppendLine(FormattableString.Invariant(
                $"| {g.Key} | {r.Average(x => x.Test.RmseStars):0.0000} [{r.Min(x => x.Test.RmseStars):0.0000}–{r.Max(x => x.Test.RmseStars):0.0000}] | {r.Average(x => x.Test.Rmse):0.0000} | {r.Average(x => x.Test.MaeStars):0.0000} | {r.Average(x => x.Ndcg):0.0000} | {r.Average(x => x.Seconds):0.0} s |"));
        }
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
