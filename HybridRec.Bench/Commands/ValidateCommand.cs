using System.Diagnostics;
using HybridRec.Bench.Cli;
using HybridRec.Bench.Configuration;
using HybridRec.Data;
using HybridRec.Model.Evaluation;
using HybridRec.Model.Training;

namespace HybridRec.Bench.Commands;

/// <summary>
/// Scores a configuration on validation data only, over several random splits, so that model choices can be made
/// without any test part: each split's test part is dropped before anything is trained. Two protocols:
/// <c>shared</c> holds one validation part out of the training split for every ensemble member and reports the
/// ensemble's RMSE on it (what <c>tune --ensemble</c> scores); <c>holdout</c> first carves a holdout out of the
/// training split, runs the whole training procedure on the rest exactly as the main job does (each member with its
/// own validation carve-out, refitting if configured) and reports the RMSE on that holdout, which also makes
/// procedures that fit on the validation part (refit, validation fraction) comparable.
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
          --preset P  --config FILE  and the hyperparameter flags of 'movielens' (--ensemble N, --init-range X, …)
          --seed S               model seed (default: each split's seed)
          --data PATH  --max-ratings N  --min-tag-count N  --threads N  --backend B
        """;

    /// <summary>Default split seeds: disjoint from the seeds 1, 2, 3 the README reports test RMSE for.</summary>
    public static readonly long[] DefaultSplitSeeds = [42, 7, 99];

    public static int Run(IReadOnlyList<string> args, TextWriter output)
    {
        var cl = CliArguments.Parse("validate", args,
            ["data", "max-ratings", "min-tag-count", "split-seeds", "protocol", "holdout", .. MovieLensCommand.ConfigOptions, "seed", "threads", "backend"], ["refit", "no-refit"]);
        var seeds = cl.LongList("split-seeds") ?? DefaultSplitSeeds;
        string protocol = cl.Choice("protocol", "shared", "holdout") ?? "shared";
        double holdout = cl.Double("holdout", 0.01, 0.5) ?? 0.1;
        var backend = cl.Backend();
        int threads = cl.Int("threads", 0, 1024) ?? 0;
        var config = MovieLensCommand.ResolveConfig(cl, cl.Choice("preset", "tuned", "seed") ?? "tuned");
        if (config.ValidationFraction <= 0 && protocol == "shared") throw new UsageException("--protocol shared needs a validation part (validation_fraction > 0).");

        var (data, _) = DataSelection.Load(cl, config.MinTagCount, TextWriter.Null);
        output.WriteLine($"validate: {protocol} protocol on {data.Name}, splits {string.Join(", ", seeds)}, " +
                         $"{(config.EnsembleSize > 1 ? $"ensemble of {config.EnsembleSize}" : "one model")}; test parts unused");
        var scores = new List<double>();
        var total = Stopwatch.StartNew();
        foreach (long splitSeed in seeds)
        {
            // Only the training part of the split is kept from here on.
            RatingTable train = RatingSplits.Random(data.Ratings, 0.2, splitSeed).Train;
            long seed = cl.Long("seed") ?? splitSeed;
            var clock = Stopwatch.StartNew();
            double score = protocol == "shared" ? Shared(data, train, config, seed, backend, threads) : Holdout(data, train, config, seed, holdout, backend, threads);
            scores.Add(score);
            output.WriteLine(FormattableString.Invariant($"split {splitSeed}: {protocol} validation RMSE {score:0.0000} stars ({clock.Elapsed.TotalSeconds:0.0} s)"));
        }
        output.WriteLine(FormattableString.Invariant($"mean validation RMSE {scores.Average():0.00000} stars over {scores.Count} splits [{scores.Min():0.0000}–{scores.Max():0.0000}] in {total.Elapsed.TotalSeconds:0} s"));
        return 0;
    }

    /// <summary>Every member holds out the validation part of <paramref name="seed"/>; the ensemble's RMSE on it.</summary>
    internal static double Shared(MovieLensDataset data, RatingTable train, RunConfig config, long seed, Model.Backends.BackendKind backend, int threads)
    {
        var options = config.ToTrainingOptions(seed, backend, threads, 0) with { SharedValidation = true, RefitOnAllData = false };
        return SharedValidationRmse(data, train, HybridTrainer.Train(data, train, config.ToModelOptions(), options).Model, options);
    }

    /// <summary>
    /// The RMSE (stars) of <paramref name="model"/> on the validation part that <paramref name="options"/> carves out of
    /// <paramref name="train"/> with its seed: the part every member held out when trained with <c>SharedValidation</c>.
    /// </summary>
    internal static double SharedValidationRmse(MovieLensDataset data, RatingTable train, Model.HybridModel model, TrainingOptions options)
    {
        var (_, validation) = HybridTrainer.CarveValidation(TrainingSamples.FromRatings(train, data.Scale), options.ValidationFraction, options.Seed);
        var predictions = new float[validation.Count];
        model.PredictNormalized(validation.Users, validation.Movies, predictions);
        return RatingMetrics.Compute(predictions, validation.Targets, data.Scale.Range).RmseStars;
    }

    /// <summary>Trains as the main job on <paramref name="train"/> minus a seeded holdout; the RMSE on that holdout.</summary>
    internal static double Holdout(MovieLensDataset data, RatingTable train, RunConfig config, long seed, double fraction, Model.Backends.BackendKind backend, int threads)
    {
        var inner = RatingSplits.Random(train, fraction, (long)(SeededRandom.For(seed, "validate:holdout").NextUInt64() >> 1));
        var run = HybridTrainer.Train(data, inner.Train, config.ToModelOptions(), config.ToTrainingOptions(seed, backend, threads, 0));
        return run.Model.Evaluate(inner.Test).RmseStars;
    }
}
