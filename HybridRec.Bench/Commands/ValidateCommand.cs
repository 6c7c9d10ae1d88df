using System.Diagnostics;
using HybridRec.Bench.Cli;
using HybridRec.Bench.Configuration;
using HybridRec.Data;
using HybridRec.Model.Evaluation;

namespace HybridRec.Bench.Commands;

/// <summary>
/// Scores a configuration on validation data only, over several random splits, with the protocols of
/// <see cref="ValidationProtocols"/> (<c>shared</c> or <c>holdout</c>): each split's test part is dropped before
/// anything is trained, so model choices never look at a test part. Prints the RMSE and the ranking (NDCG@10 of the
/// model and of the popularity baseline on the same part); <c>--metric</c> chooses the headline.
/// </summary>
internal static class ValidateCommand
{
    public const string Usage = """
        validate [options]       score a configuration on validation data over several splits (test parts are never used)
          --split-seeds LIST     seeds of the random 80/20 splits (default 42,7,99: not the seeds of the reported comparison)
          --protocol P           shared (default): the ensemble on one validation part all members held out
                                 holdout: train as the main job on the training split minus a holdout, score on the holdout
          --holdout F            holdout share of the training split for --protocol holdout (default 0.1)
          --metric M             rmse (default) | ndcg: the headline figure; both are printed, with the popularity
                                 baseline's NDCG@10 on the same part (each part's users rank every item not in its fitting data)
          --export-split DIR     write each split's fitting and validation parts (the protocol's train and held-out
                                 ratings; never a test part) as DIR/split-S/train.csv and test.csv (userId,movieId,rating)
          --refit / --no-refit   override the configuration's refit (shared always scores the members before any refit)
          --preset P  --config FILE  and the hyperparameter flags of 'movielens' (--ensemble N, --init-range X, --user-features on|off, …)
          --seed S               model seed (default: each split's seed)
        """ + "\n" + RankingFlags.Usage + "\n" + """
          --data PATH  --ratings FILE --items FILE [--users FILE]  --max-ratings N  --min-tag-count N  --threads N  --backend B
        """;

    public static int Run(IReadOnlyList<string> args, TextWriter output)
    {
        var cl = CliArguments.Parse("validate", args,
            [.. DataSelection.Options, "split-seeds", "protocol", "holdout", "metric", "export-split", .. RankingFlags.Options, .. ConfigurationFlags.Options, "seed", "threads", "backend"],
            ConfigurationFlags.Flags);
        if (cl.Has("split")) throw new UsageException("validate makes its own random splits (--split-seeds); --split does not apply.");
        var seeds = cl.LongList("split-seeds") ?? [.. ValidationProtocols.DefaultSplitSeeds];
        string protocol = cl.Choice("protocol", "shared", "holdout") ?? "shared";
        double holdout = cl.Double("holdout", 0.01, 0.5) ?? ValidationProtocols.DefaultHoldoutFraction;
        var metric = cl.Choice("metric", "rmse", "ndcg") == "ndcg" ? ValidationMetric.Ndcg : ValidationMetric.Rmse;
        var ranking = RankingFlags.Resolve(cl);
        var backend = cl.Backend();
        int threads = cl.Int("threads", 0, 1024) ?? 0;
        var config = ConfigurationFlags.Resolve(cl, ConfigurationFlags.PresetName(cl));
        if (config.Training.ValidationFraction <= 0 && protocol == "shared") throw new UsageException("--protocol shared needs a validation part (validation_fraction > 0).");

        var (data, _) = DataSelection.Load(cl, config.MinTagCount, TextWriter.Null);
        output.WriteLine($"validate: {protocol} protocol on {data.Name}, splits {string.Join(", ", seeds)}, " +
                         $"{(config.Training.EnsembleSize > 1 ? $"ensemble of {config.Training.EnsembleSize}" : "one model")}; test parts unused; " +
                         FormattableString.Invariant($"ranking @{ranking.K}, relevant = held-out rating ≥ {ranking.RelevantAtLeast:0.0}"));
        var scores = new List<ValidationScore>();
        var total = Stopwatch.StartNew();
        foreach (long splitSeed in seeds)
        {
            // Only the training part of the split is kept from here on.
            RatingTable train = RatingSplits.Random(data.Ratings, 0.2, splitSeed).Train;
            var run = ConfigurationFlags.WithRun(config, cl.Long("seed") ?? splitSeed, backend, threads);
            if (cl.String("export-split") is string exportDir)
            {
                var part = protocol == "shared"
                    ? ValidationProtocols.SharedValidationPart(train, run.Training)
                    : ValidationProtocols.HoldoutPart(train, run.Training.Seed, holdout);
                RankingFlags.Export(data, part, Path.Combine(exportDir, $"split-{splitSeed}"), output);
            }
            var clock = Stopwatch.StartNew();
            var score = protocol == "shared" ? ValidationProtocols.Shared(data, train, run, ranking) : ValidationProtocols.Holdout(data, train, run, holdout, ranking);
            scores.Add(score);
            output.WriteLine($"split {splitSeed}: {protocol} validation {Describe(score, metric)} ({clock.Elapsed.TotalSeconds:0.0} s)");
        }
        if (metric == ValidationMetric.Rmse)
            output.WriteLine(FormattableString.Invariant(
                $"mean validation RMSE {scores.Average(s => s.RmseStars):0.00000} stars over {scores.Count} splits [{scores.Min(s => s.RmseStars):0.0000}–{scores.Max(s => s.RmseStars):0.0000}]; {MeanNdcg(scores)} in {total.Elapsed.TotalSeconds:0} s"));
        else
            output.WriteLine(FormattableString.Invariant(
                $"mean validation {MeanNdcg(scores)} over {scores.Count} splits [{scores.Min(s => s.Ndcg):0.0000}–{scores.Max(s => s.Ndcg):0.0000}]; RMSE {scores.Average(s => s.RmseStars):0.00000} stars in {total.Elapsed.TotalSeconds:0} s"));
        return 0;
    }

    /// <summary>One split's figures, the headline first.</summary>
    private static string Describe(ValidationScore s, ValidationMetric headline)
    {
        string rmse = FormattableString.Invariant($"RMSE {s.RmseStars:0.0000} stars");
        string ndcg = FormattableString.Invariant($"NDCG@{s.Ranking.K} {s.Ndcg:0.0000} (popularity {s.PopularityNdcg:0.0000}, ratio {s.NdcgToPopularity:0.00}; {s.Ranking.UsersEvaluated} users)");
        return headline == ValidationMetric.Rmse ? $"{rmse}, {ndcg}" : $"{ndcg}, {rmse}";
    }

    private static string MeanNdcg(IReadOnlyList<ValidationScore> scores)
    {
        double model = scores.Average(s => s.Ndcg), popularity = scores.Average(s => s.PopularityNdcg);
        return FormattableString.Invariant($"NDCG@{scores[0].Ranking.K} {model:0.00000} (popularity {popularity:0.00000}, ratio {model / popularity:0.00})");
    }
}
