using System.CommandLine;
using System.Diagnostics;
using System.Globalization;
using HybridRec.Bench.Cli;
using HybridRec.Model;
using HybridRec.Model.ColdStart;

namespace HybridRec.Bench.Commands;

/// <summary>
/// Fold-in cost of a saved model per profile size k (issue 11): for known users of the model (seeded, with more than
/// k training items), a profile of k of their items rated with the model's own predicted stars (rounded to half
/// stars), folded in with each solver on one thread. Prints, per k and solver, the time of the rating rows and of the
/// ranking row per fold-in (all members), the Newton solver's iterations and passes, and how its objectives compare
/// with Adam's.
/// </summary>
internal static class FoldInBenchCommand
{
    public static Command Create()
    {
        var modelOption = CliOption.ExistingPath("--model", "the .hrec model (required)", "PATH");
        modelOption.Required = true;
        var kOption = CliOption.PositiveIntList("--k", "profile sizes (default 1,5,20,100)");
        var usersOption = CliOption.Int("--users", "users per k (default 20)", 1, 100_000);
        var repeatOption = CliOption.Int("--repeat", "timed repetitions of each fold-in after one warm-up (default 3)", 1, 1000);
        var seedOption = CliOption.Long("--seed", "seed of the users and their profiles (default 42)", helpName: "S");
        var rank = new FoldInRankFlags("");
        var command = new Command("foldin-bench", "time the cold-start fold-in of a saved model per profile size, rating rows and ranking row apart, Newton against Adam (one thread)")
        {
            modelOption, kOption, usersOption, repeatOption, seedOption,
        };
        foreach (var o in rank.All) command.Add(o);
        command.SetAction(r => Run(HybridModel.Load(r.GetValue(modelOption)!), r.GetList(kOption) ?? [1, 5, 20, 100], r.GetValue(usersOption) ?? 20,
            r.GetValue(repeatOption) ?? 3, r.GetValue(seedOption) ?? 42, rank.Apply(r, FoldInOptions.Default), r.InvocationConfiguration.Output));
        return command;
    }

    private static int Run(HybridModel model, int[] ks, int userCount, int repeat, long seed, FoldInOptions newton, TextWriter output)
    {
        var scorers = model.Scorers;
        var layout = model.Layout;
        model.FoldInUser([], FoldInOptions.Default with { Solver = FoldInSolver.Adam });   // the serving form, without the Newton solver's cache
        output.WriteLine($"foldin-bench: {scorers.Length} member(s), E {layout.E}, Hn {layout.Hn}, Er {layout.Er}, {model.Items.Count:N0} items; " +
                         $"{userCount} users per k, best of {repeat} after a warm-up, one thread; newton: {newton.MaxRankingPasses} ranking passes at most, tolerance {newton.RankingTolerance}; ranking prior Λ {newton.RankingPrior}; load average {LoadAverage()}");
        // The per-member prior of the ranking row's Newton solver is built on first use: time it once.
        var clock = Stopwatch.StartNew();
        foreach (var s in scorers) s.PrepareFoldIn();
        output.WriteLine($"ranking-row prior (Z0, S1, S2 at p3 = 0) for all members: {clock.Elapsed.TotalMilliseconds:0.0} ms, once per model");
        output.WriteLine();
        output.WriteLine("| k | solver | rating rows ms | ranking row ms | total ms | GN iterations | rank passes | Δ rating loss (N − A) | Δ rank loss (N − A) |");
        output.WriteLine("|---:|---|---:|---:|---:|---:|---:|---:|---:|");
        var random = new Random((int)seed);
        var c = CultureInfo.InvariantCulture;
        foreach (int k in ks)
        {
            var users = Enumerable.Range(0, model.History.Users).Where(u => model.History.Of(u).Length > k).ToArray();
            random.Shuffle(users);
            var profiles = users.Take(userCount).Select(u =>
            {
                var items = model.History.Of(u).ToArray();
                random.Shuffle(items);
                int userId = model.Users.GetRawId(u);
                return items.Take(k).Select(m =>
                {
                    int itemId = model.Items.GetRawId(m);
                    float stars = MathF.Round(model.PredictStars(userId, itemId) * 2) / 2;
                    return (itemId, Math.Clamp(stars, model.Scale.Min, model.Scale.Max));
                }).ToList();
            }).ToList();
            var results = new Dictionary<FoldInSolver, (double Rating, double Rank, double Iterations, double Passes, double[] RatingLoss, double[] RankLoss)>();
            foreach (var solver in new[] { FoldInSolver.Newton, FoldInSolver.Adam })
            {
                var options = newton with { Solver = solver };
                double ratingMs = 0, rankMs = 0, iterations = 0, passes = 0;
                var ratingLoss = new double[profiles.Count];
                var rankLoss = new double[profiles.Count];
                for (int i = 0; i < profiles.Count; i++)
                {
                    var (items, targets) = model.FoldInTargets(profiles[i]);
                    var (l2, rankL2) = model.FoldInL2(items.Length, options);
                    double bestRating = double.MaxValue, bestRank = double.MaxValue;
                    for (int r = 0; r <= repeat; r++)
                    {
                        long t0 = Stopwatch.GetTimestamp();
                        foreach (var s in scorers) s.FitRatingRows(layout, items, targets, 0f, l2, options);
                        long t1 = Stopwatch.GetTimestamp();
                        foreach (var s in scorers) s.FitRank(items, rankL2, options);
                        long t2 = Stopwatch.GetTimestamp();
                        if (r == 0) continue;
                        bestRating = Math.Min(bestRating, (t1 - t0) * 1000.0 / Stopwatch.Frequency);
                        bestRank = Math.Min(bestRank, (t2 - t1) * 1000.0 / Stopwatch.Frequency);
                    }
                    ratingMs += bestRating;
                    rankMs += bestRank;
                    foreach (var s in scorers)
                    {
                        if (solver == FoldInSolver.Newton)
                        {
                            var fit = s.FitRatingRowsNewton(layout, items, targets, 0f, l2, options.MaxIterations);
                            iterations += fit.Iterations;
                            ratingLoss[i] += fit.FinalLoss;
                            if (layout.Er > 0)
                            {
                                var rank = s.FitRankRowNewton(items, rankL2, options.MaxRankingPasses, options.RankingTolerance);
                                passes += rank.Passes;
                                rankLoss[i] += rank.FinalLoss;
                            }
                        }
                        else
                        {
                            ratingLoss[i] += s.FitRatingRowsAdam(layout, items, targets, 0f, l2, options).FinalLoss;
                            if (layout.Er > 0) rankLoss[i] += s.FitRankRow(items, rankL2, options).FinalLoss;
                        }
                    }
                }
                int n = profiles.Count;
                results[solver] = (ratingMs / n, rankMs / n, iterations / n / scorers.Length, passes / n / scorers.Length, ratingLoss, rankLoss);
            }
            foreach (var (solver, x) in results)
            {
                string delta(double[] newton, double[] adam) => solver == FoldInSolver.Adam ? "" :
                    string.Create(c, $"{Enumerable.Range(0, newton.Length).Average(i => (newton[i] - adam[i]) / scorers.Length):0.0E+0} (worse: {Enumerable.Range(0, newton.Length).Count(i => newton[i] > adam[i] + 1e-4 * scorers.Length)}/{newton.Length})");
                var adam = results[FoldInSolver.Adam];
                output.WriteLine(string.Create(c, $"| {k} | {solver} | {x.Rating:0.000} | {x.Rank:0.000} | {x.Rating + x.Rank:0.000} | " +
                    $"{(solver == FoldInSolver.Newton ? x.Iterations.ToString("0.0", c) : "")} | {(solver == FoldInSolver.Newton ? x.Passes.ToString("0.0", c) : "")} | " +
                    $"{delta(x.RatingLoss, adam.RatingLoss)} | {delta(x.RankLoss, adam.RankLoss)} |"));
            }
        }
        return ExitCodes.Success;
    }

    private static string LoadAverage() =>
        File.Exists("/proc/loadavg") ? string.Join(" ", File.ReadAllText("/proc/loadavg").Split(' ').Take(3)) : "n/a";
}
