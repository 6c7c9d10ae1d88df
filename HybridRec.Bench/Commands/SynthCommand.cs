using System.CommandLine;
using HybridRec.Bench.Cli;
using HybridRec.Data.Synthetic;

namespace HybridRec.Bench.Commands;

/// <summary>Writes a synthetic MovieLens-shaped dataset in the CSV layout (default: the size of ml-25m).</summary>
internal static class SynthCommand
{
    public static Command Create()
    {
        var defaults = new SyntheticOptions();
        var outDir = CliOption.Text("--out", "the folder to write ratings.csv, movies.csv, tags.csv and links.csv into (required)", "DIR");
        outDir.Required = true;
        var users = CliOption.Int("--users", $"users (default {defaults.Users:N0}, as ml-25m)", 1);
        var movies = CliOption.Int("--movies", $"movies (default {defaults.Movies:N0})", 1);
        var ratings = CliOption.Long("--ratings", $"ratings (default {defaults.Ratings:N0})", 1);
        var seed = CliOption.Long("--seed", $"seed (default {defaults.Seed})", helpName: "S");
        var threads = CliOption.Int("--threads", "generator threads (changes the speed only, never the files)", 1, 1024);
        var command = new Command("synth", "write a synthetic dataset in the MovieLens CSV layout (seeded, reproducible)") { outDir, users, movies, ratings, seed, threads };
        command.SetAction(r =>
        {
            var output = r.InvocationConfiguration.Output;
            string dir = r.GetValue(outDir)!;
            var options = defaults with
            {
                Users = r.GetValue(users) ?? defaults.Users,
                Movies = r.GetValue(movies) ?? defaults.Movies,
                Ratings = r.GetValue(ratings) ?? defaults.Ratings,
                Seed = r.GetValue(seed) ?? defaults.Seed,
                MaxDegreeOfParallelism = r.GetValue(threads),
            };
            OutputPaths.CheckDirectory("--out", dir);
            try { options.Validate(); }
            catch (ArgumentException e) { throw new UsageException($"these sizes do not make a dataset: {ErrorPolicy.MessageOf(e)}"); }
            output.WriteLine($"synth: {options.Users:N0} users, {options.Movies:N0} movies, {options.Ratings:N0} ratings, seed {options.Seed} → {dir}");
            double lastShown = -1;
            var progress = new SynchronousProgress<SyntheticProgress>(p =>
            {
                double step = Math.Floor(p.Fraction * 10) / 10;
                if (step > lastShown || p.Fraction >= 1) { lastShown = step; output.WriteLine($"  {p.Phase,-8} {p.Fraction,6:P0}"); }
            });
            var summary = SyntheticMovieLens.Write(options, dir, progress);
            output.WriteLine(summary.ToString());
            return ExitCodes.Success;
        });
        return command;
    }
}
