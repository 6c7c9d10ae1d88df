using System.Diagnostics;
using HybridRec.Bench.Cli;
using HybridRec.Data;

namespace HybridRec.Bench.Commands;

/// <summary>Loading and splitting shared by the commands that train: <c>--data</c>, <c>--min-tag-count</c>, <c>--max-ratings</c>, <c>--split</c>.</summary>
internal static class DataSelection
{
    public static readonly string[] Options = ["data", "min-tag-count", "max-ratings", "split"];

    /// <summary>Loads the release named by <c>--data</c> (a directory or zip), or the bundled ml-latest-small.</summary>
    public static (MovieLensDataset Data, TimeSpan LoadTime) Load(CliArguments cl, int minTagCount, TextWriter log)
    {
        var options = new MovieLensLoadOptions { MinTagCount = minTagCount, MaxRatings = cl.Int("max-ratings", 1) };
        var clock = Stopwatch.StartNew();
        string? path = cl.String("data");
        MovieLensDataset data;
        if (path is null)
        {
            log.WriteLine($"data: {BundledData.Name}");
            using var zip = BundledData.Open();
            data = MovieLensLoader.Load(zip, "ml-latest-small.zip", options);
        }
        else
        {
            if (!File.Exists(path) && !Directory.Exists(path)) throw new UsageException($"--data: '{path}' is neither a directory nor a file.");
            log.WriteLine($"data: {path}");
            data = MovieLensLoader.Load(path, options);
        }
        clock.Stop();
        log.WriteLine($"loaded {data.Name} ({data.Format}) in {clock.Elapsed.TotalSeconds:0.00} s: {data.Ratings.Count:N0} ratings, {data.Users.Count:N0} users, " +
                      $"{data.Movies.Count:N0} movies, {data.Genres.Columns} genres, {data.Tags.Columns} tags (min count {minTagCount})");
        foreach (var w in data.Report.Warnings) log.WriteLine($"warning: {w}");
        return (data, clock.Elapsed);
    }

    /// <summary>The split named by <c>--split</c>: <c>random</c> (80/20, default), <c>random:F</c> (test fraction F) or a predefined split such as <c>u1</c>.</summary>
    public static RatingSplit Split(CliArguments cl, MovieLensDataset data, long seed)
    {
        string spec = cl.String("split") ?? "random";
        if (spec == "random") return RatingSplits.Random(data.Ratings, 0.2, seed);
        if (spec.StartsWith("random:", StringComparison.Ordinal))
        {
            if (!double.TryParse(spec["random:".Length..], System.Globalization.NumberStyles.Float, System.Globalization.CultureInfo.InvariantCulture, out double f) || !(f > 0 && f < 1))
                throw new UsageException($"--split {spec}: the test fraction must be a number between 0 and 1.");
            return RatingSplits.Random(data.Ratings, f, seed);
        }
        return RatingSplits.Predefined(data, spec);
    }
}
