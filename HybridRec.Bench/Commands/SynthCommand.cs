using HybridRec.Bench.Cli;
using HybridRec.Data.Synthetic;

namespace HybridRec.Bench.Commands;

/// <summary>Writes a synthetic MovieLens-shaped dataset in the CSV layout (default: the size of ml-25m).</summary>
internal static class SynthCommand
{
    public const string Usage = """
        synth --out DIR [options] write a synthetic dataset in the MovieLens CSV layout (seeded, reproducible)
          --users N  --movies M  --ratings R   sizes (default like ml-25m: 162541, 62423, 25000095)
          --seed S               seed (default 42)
          --threads N            generator threads (changes speed only, never the files)
        """;

    public static int Run(IReadOnlyList<string> args, TextWriter output)
    {
        var cl = CliArguments.Parse("synth", args, ["out", "users", "movies", "ratings", "seed", "threads"], []);
        string dir = cl.String("out") ?? throw new UsageException("synth needs --out DIR.");
        var defaults = new SyntheticOptions();
        var options = defaults with
        {
            Users = cl.Int("users", 1) ?? defaults.Users,
            Movies = cl.Int("movies", 1) ?? defaults.Movies,
            Ratings = cl.Long("ratings", 1) ?? defaults.Ratings,
            Seed = cl.Long("seed") ?? defaults.Seed,
            MaxDegreeOfParallelism = cl.Int("threads", 1, 1024),
        };
        options.Validate();
        output.WriteLine($"synth: {options.Users:N0} users, {options.Movies:N0} movies, {options.Ratings:N0} ratings, seed {options.Seed} → {dir}");
        double lastShown = -1;
        var progress = new SynchronousProgress<SyntheticProgress>(p =>
        {
            double step = Math.Floor(p.Fraction * 10) / 10;
            if (step > lastShown || p.Fraction >= 1) { lastShown = step; output.WriteLine($"  {p.Phase,-8} {p.Fraction,6:P0}"); }
        });
        var summary = SyntheticMovieLens.Write(options, dir, progress);
        output.WriteLine(summary.ToString());
        return 0;
    }

}
