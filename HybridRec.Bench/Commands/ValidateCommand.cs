using System.Diagnostics;
using HybridRec.Bench.Cli;
using HybridRec.Bench.Configuration;
using HybridRec.Data;
using HybridRec.Model.Evaluation;

namespace HybridRec.Bench.Commands;

/// <summary>
/// Scores a configuration on validation data only, over several random splits, with the protocols of
/// <see cref="ValidationProtocols"/> (<c>shared</c> or <c>holdout</c>): each split's test part is dropped before
/// anything is trained, so model choices never look at a test part.
/// </summary>
internal static class ValidateCommand
{
    public const string Usage = """
        validate [options]       score a configuration on validation data over several splits (test parts are never used)
          --split-seeds LIST     seeds of the random 80/20 splits (default 42,7,99: not the seeds of the reported comparison)
          --protocol P           shared (default): the ensemble's RMSE on one validation part all members held out
                                 holdout: train as the main job on the training split minus a holdout, score on the holdout
          --holdout F            holdout share of the training split for --protocol holdout (default 0.1)
          --refit / --no-refit   override the configuration's refit (shared always scores the members before any refit)
          --preset P  --config FILE  and the hyperparameter flags of 'movielens' (--ensemble N, --init-range X, --user-features on|off, …)
          --seed S               model seed (default: each split's seed)
          --data PATH  --ratings FILE --items FILE [--users FILE]  --max-ratings N  --min-tag-count N  --threads N  --backend B
        """;

    public static int Run(IReadOnlyList<string> args, TextWriter output)
    {
        var cl = CliArguments.Parse("validate", args,
            [.. DataSelection.Options, "split-seeds", "protocol", "holdout", .. ConfigurationFlags.Options, "seed", "threads", "backend"], ConfigurationFlags.Flags);
        if (cl.Has("split")) throw new UsageException("validate makes its own random splits (--split-seeds); --split does not apply.");
        var seeds = cl.LongList("split-seeds") ?? [.. ValidationProtocols.DefaultSplitSeeds];
        string protocol = cl.Choice("protocol", "shared", "holdout") ?? "shared";
        double holdout = cl.Double("holdout", 0.01, 0.5) ?? ValidationProtocols.DefaultHoldoutFraction;
        var backend = cl.Backend();
        int threads = cl.Int("threads", 0, 1024) ?? 0;
        var config = ConfigurationFlags.Resolve(cl, ConfigurationFlags.PresetName(cl));
        if (config.Training.ValidationFraction <= 0 && protocol == "shared") throw new UsageException("--protocol shared needs a validation part (validation_fraction > 0).");

        var (data, _) = DataSelection.Load(cl, config.MinTagCount, TextWriter.Null);
        output.WriteLine($"validate: {protocol} protocol on {data.Name}, splits {string.Join(", ", seeds)}, " +
                         $"{(config.Training.EnsembleSize > 1 ? $"ensemble of {config.Training.EnsembleSize}" : "one model")}; test parts unused");
        var scores = new List<double>();
        var total = Stopwatch.StartNew();
        foreach (long splitSeed in seeds)
        {
            // Only the training part of the split is kept from here on.
            RatingTable train = RatingSplits.Random(data.Ratings, 0.2, splitSeed).Train;
            var run = ConfigurationFlags.WithRun(config, cl.Long("seed") ?? splitSeed, backend, threads);
            var clock = Stopwatch.StartNew();
            double score = protocol == "shared" ? ValidationProtocols.Shared(data, train, run) : ValidationProtocols.Holdout(data, train, run, holdout);
            scores.Add(score);
            output.WriteLine(FormattableString.Invariant($"split {splitSeed}: {protocol} validation RMSE {score:0.0000} stars ({clock.Elapsed.TotalSeconds:0.0} s)"));
        }
        output.WriteLine(FormattableString.Invariant($"mean validation RMSE {scores.Average():0.00000} stars over {scores.Count} splits [{scores.Min():0.0000}–{scores.Max():0.0000}] in {total.Elapsed.TotalSeconds:0} s"));
        return 0;
    }
}
