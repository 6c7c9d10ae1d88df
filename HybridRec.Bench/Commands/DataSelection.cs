using System.Diagnostics;
using System.Globalization;
using HybridRec.Bench.Cli;
using HybridRec.Data;

namespace HybridRec.Bench.Commands;

/// <summary>
/// Loading and splitting shared by the commands that train: a MovieLens release (<c>--data</c>, the bundled
/// ml-latest-small by default, <c>--min-tag-count</c>, <c>--max-ratings</c>) or a CSV import (<c>--ratings</c>,
/// <c>--items</c>, <c>--users</c> and the column options), and <c>--split</c>.
/// </summary>
internal static class DataSelection
{
    /// <summary>The value options <see cref="Load"/> and <see cref="Split"/> read.</summary>
    public static readonly string[] Options =
        ["data", "min-tag-count", "max-ratings", "split", "ratings", "items", "users", "user-column", "item-column", "rating-column", "name-column", "rating-scale"];

    /// <summary>Help text of the CSV import options.</summary>
    public const string ImportUsage = """
          --ratings FILE --items FILE [--users FILE]   train on your own CSV files instead of MovieLens (header on line 1):
                                 ratings: user,item,rating columns; items: item id, optional name/title, feature columns
                                 (a|b|c lists: multi-hot; single values: categorical); users: user id and feature columns
          --user-column C  --item-column C  --rating-column C  --name-column C   column names (default user, item, rating, name or title)
          --rating-scale MIN,MAX,STEP   the rating scale (default: inferred from the ratings)
        """;

    /// <summary>Loads the data the options name and prints what was loaded, its feature groups and its warnings.</summary>
    public static (RatingDataset Data, TimeSpan LoadTime) Load(CliArguments cl, int minTagCount, TextWriter log)
    {
        var clock = Stopwatch.StartNew();
        var data = cl.Has("ratings") || cl.Has("items") || cl.Has("users") ? Import(cl, log) : MovieLens(cl, minTagCount, log);
        clock.Stop();
        bool movieLens = DatasetFormats.IsMovieLens(data.Format);
        string features = movieLens
            ? $", {data.ItemFeatures[MovieLensLoader.GenresGroup].Vocabulary.Count} genres, {data.ItemFeatures[MovieLensLoader.TagsGroup].Vocabulary.Count} tags (min count {minTagCount})"
            : "";
        log.WriteLine($"loaded {data.Name} ({data.Format}) in {clock.Elapsed.TotalSeconds:0.00} s: {data.Ratings.Count:N0} ratings, {data.Users.Count:N0} users, " +
                      $"{data.Items.Count:N0} {(movieLens ? "movies" : "items")}{features}");
        log.WriteLine($"feature groups: {(data.Report.FeatureGroups.Count == 0 ? "none" : string.Join("; ", data.Report.FeatureGroups))}");
        foreach (var w in data.Report.Warnings) log.WriteLine($"warning: {w}");
        return (data, clock.Elapsed);
    }

    private static RatingDataset MovieLens(CliArguments cl, int minTagCount, TextWriter log)
    {
        var options = new MovieLensLoadOptions { MinTagCount = minTagCount, MaxRatings = cl.Int("max-ratings", 1) };
        string? path = cl.String("data");
        if (path is null)
        {
            log.WriteLine($"data: {BundledData.Name}");
            using var zip = BundledData.Open();
            return MovieLensLoader.Load(zip, "ml-latest-small.zip", options);
        }
        if (!File.Exists(path) && !Directory.Exists(path)) throw new UsageException($"--data: '{path}' is neither a directory nor a file.");
        log.WriteLine($"data: {path}");
        return MovieLensLoader.Load(path, options);
    }

    private static RatingDataset Import(CliArguments cl, TextWriter log)
    {
        if (cl.Has("data")) throw new UsageException("--data (a MovieLens release) and --ratings/--items (a CSV import) exclude each other.");
        if (cl.Has("max-ratings")) throw new UsageException("--max-ratings applies to MovieLens releases only.");
        string ratings = cl.String("ratings") ?? throw new UsageException("a CSV import needs --ratings FILE.");
        string items = cl.String("items") ?? throw new UsageException("a CSV import needs --items FILE (every rated item must be listed).");
        var options = new CsvImportOptions
        {
            RatingsFile = ratings,
            ItemsFile = items,
            UsersFile = cl.String("users"),
            UserColumn = cl.String("user-column") ?? CsvImportOptions.DefaultUserColumn,
            ItemColumn = cl.String("item-column") ?? CsvImportOptions.DefaultItemColumn,
            RatingColumn = cl.String("rating-column") ?? CsvImportOptions.DefaultRatingColumn,
            ItemNameColumn = cl.String("name-column"),
            Scale = cl.String("rating-scale") is string s ? ParseScale(s) : null,
        };
        log.WriteLine($"data: {ratings}, {items}{(options.UsersFile is null ? "" : ", " + options.UsersFile)} (CSV import)");
        return CsvDatasetImporter.Load(options);
    }

    private static RatingScale ParseScale(string text)
    {
        var parts = text.Split(',', StringSplitOptions.TrimEntries);
        var values = parts.Select(p => float.TryParse(p, NumberStyles.Float, CultureInfo.InvariantCulture, out float v) ? v : float.NaN).ToArray();
        if (values.Length != 3 || values.Any(v => !float.IsFinite(v)) || !(values[1] > values[0]) || !(values[2] > 0))
            throw new UsageException($"--rating-scale {text}: give MIN,MAX,STEP with MIN < MAX and STEP > 0, e.g. 1,5,1.");
        return new RatingScale(values[0], values[1], values[2]);
    }

    /// <summary>The split named by <c>--split</c>: <c>random</c> (80/20, default), <c>random:F</c> (test fraction F) or a predefined split such as <c>u1</c>.</summary>
    public static RatingSplit Split(CliArguments cl, RatingDataset data, long seed)
    {
        string spec = cl.String("split") ?? "random";
        if (spec == "random") return RatingSplits.Random(data.Ratings, 0.2, seed);
        if (spec.StartsWith("random:", StringComparison.Ordinal))
        {
            if (!double.TryParse(spec["random:".Length..], NumberStyles.Float, CultureInfo.InvariantCulture, out double f) || !(f > 0 && f < 1))
                throw new UsageException($"--split {spec}: the test fraction must be a number between 0 and 1.");
            return RatingSplits.Random(data.Ratings, f, seed);
        }
        return RatingSplits.Predefined(data, spec);
    }
}
