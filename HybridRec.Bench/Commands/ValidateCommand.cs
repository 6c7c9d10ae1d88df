using System.CommandLine;
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
internal sealed class ValidateCommand(SharedOptions shared)
{
    private readonly Option<long[]?> _splitSeeds = CliOption.LongList("--split-seeds",
        $"seeds of the random 80/20 splits (default {string.Join(",", ValidationProtocols.DefaultSplitSeeds)}: not the seeds of the reported comparison)");
    private readonly Option<string?> _protocol = CliOption.Word("--protocol",
        "shared (default): the ensemble on one validation part all members held out; holdout: train as the main job on the training split minus a holdout, score on the holdout",
        "shared", "holdout");
    private readonly Option<double?> _holdout = CliOption.Real("--holdout", $"holdout share of the training split for --protocol holdout (default {ValidationProtocols.DefaultHoldoutFraction})", 0.01, 0.5, "F");
    private readonly Option<ValidationMetric?> _metric = CliOption.Choice("--metric",
        "the headline figure: rmse (default) or ndcg; both are printed, with the popularity baseline's NDCG@10 on the same part",
        ("rmse", ValidationMetric.Rmse), ("ndcg", ValidationMetric.Ndcg));
    private readonly Option<long?> _seed = CliOption.Long("--seed", "model seed (default: each split's seed)", helpName: "S");

    public Command Create()
    {
        var command = new Command("validate",
            "score a configuration on validation data over several splits (test parts are never used); takes the main job's hyperparameter flags");
        shared.Data.AddTo(command, split: false);
        shared.Configuration.AddTo(command);
        var run = shared.Run;
        foreach (var o in new Option[] { _splitSeeds, _protocol, _holdout, _metric, _seed, shared.Ranking.RelevantAtLeast, shared.Ranking.ExportSplit, run.Threads, run.Backend, run.MemoryLimit })
            command.Add(o);
        command.SetAction(Run);
        return command;
    }

    private int Run(ParseResult r)
    {
        var output = r.InvocationConfiguration.Output;
        string? exportDir = r.GetValue(shared.Ranking.ExportSplit);
        OutputPaths.CheckDirectory("--export-split", exportDir);
        var seeds = r.GetList(_splitSeeds) ?? [.. ValidationProtocols.DefaultSplitSeeds];
        string protocol = r.GetValue(_protocol) ?? "shared";
        double holdout = r.GetValue(_holdout) ?? ValidationProtocols.DefaultHoldoutFraction;
        var metric = r.GetValue(_metric) ?? ValidationMetric.Rmse;
        var ranking = shared.Ranking.Resolve(r);
        var options = shared.Configuration;
        var config = options.Resolve(r);
        if (config.Training.ValidationFraction <= 0 && protocol == "shared") throw new UsageException("--protocol shared needs a validation part (--validation F with F > 0).");

        var (data, _) = shared.Data.Load(r, config.MinTagCount, TextWriter.Null);
        output.WriteLine($"validate: {protocol} protocol on {data.Name}, splits {string.Join(", ", seeds)}, " +
                         $"{(config.Training.EnsembleSize > 1 ? $"ensemble of {config.Training.EnsembleSize}" : "one model")}; test parts unused; " +
                         FormattableString.Invariant($"ranking @{ranking.K}, relevant = held-out rating ≥ {ranking.RelevantAtLeast:0.0}"));
        var scores = new List<ValidationScore>();
        var total = Stopwatch.StartNew();
        foreach (long splitSeed in seeds)
        {
            // Only the training part of the split is kept from here on.
            RatingTable train = RatingSplits.Random(data.Ratings, 0.2, splitSeed).Train;
            var run = shared.Run.WithRun(r, config, r.GetValue(_seed) ?? splitSeed);
            var part = protocol == "shared"
                ? ValidationProtocols.SharedValidationPart(train, run.Training)
                : ValidationProtocols.HoldoutPart(train, run.Training.Seed, holdout);
            if (part.Test.Count == 0)
                throw new UsageException($"split {splitSeed}: the {protocol} protocol's validation part of its {train.Count:N0} training ratings is empty; use more data or a larger {(protocol == "shared" ? "--validation" : "--holdout")}.");
            // The holdout protocol trains on the part it fits on; the shared one on the whole training part (it carves the same validation part itself).
            TrainingChecks.Check(data, protocol == "shared" ? train.Count : part.Train.Count, run, options, h => options.Origin(r, h, run), r.GetValue(shared.Run.MemoryLimit));
            if (exportDir is not null) RankingFlags.Export(data, part, Path.Combine(exportDir, $"split-{splitSeed}"), output);
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
        return ExitCodes.Success;
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
