using System.CommandLine;
using System.Diagnostics;
using System.Globalization;
using HybridRec.Bench.Cli;
using HybridRec.Data;

namespace HybridRec.Bench.Commands;

/// <summary>
/// The data options shared by the commands that train, each defined once: a MovieLens release (<c>--data</c>, the
/// bundled ml-latest-small by default, <c>--max-ratings</c>) or a CSV import (<c>--ratings</c>, <c>--items</c>,
/// <c>--users</c> and the column options), and <c>--split</c>; loading and splitting with what they name.
/// </summary>
internal sealed class DataOptions
{
    /// <summary><c>--data PATH</c>.</summary>
    public Option<string?> Data { get; } = CliOption.ExistingPath("--data",
        "a MovieLens release: its directory or .zip, any release (default: the bundled ml-latest-small)", "PATH", directoryToo: true);

    /// <summary><c>--ratings FILE</c>.</summary>
    public Option<string?> Ratings { get; } = CliOption.ExistingPath("--ratings",
        "train on your own CSV files instead of MovieLens: the ratings (header on line 1; user, item and rating columns)", "FILE");

    /// <summary><c>--items FILE</c>.</summary>
    public Option<string?> Items { get; } = CliOption.ExistingPath("--items",
        "with --ratings: the items (item id, optional name or title, feature columns: a|b|c lists are multi-hot, single values categorical)", "FILE");

    /// <summary><c>--users FILE</c>.</summary>
    public Option<string?> Users { get; } = CliOption.ExistingPath("--users", "with --ratings: the users (user id and feature columns; optional)", "FILE");

    /// <summary>The column options of a CSV import.</summary>
    public Option<string?> UserColumn { get; } = CliOption.Text("--user-column", $"with --ratings: the user id column (default {CsvImportOptions.DefaultUserColumn})", "C");

    /// <inheritdoc cref="UserColumn"/>
    public Option<string?> ItemColumn { get; } = CliOption.Text("--item-column", $"with --ratings: the item id column (default {CsvImportOptions.DefaultItemColumn})", "C");

    /// <inheritdoc cref="UserColumn"/>
    public Option<string?> RatingColumn { get; } = CliOption.Text("--rating-column", $"with --ratings: the rating column (default {CsvImportOptions.DefaultRatingColumn})", "C");

    /// <inheritdoc cref="UserColumn"/>
    public Option<string?> NameColumn { get; } = CliOption.Text("--name-column", "with --ratings: the items' name column (default: name or title, when present)", "C");

    /// <summary><c>--rating-scale MIN,MAX,STEP</c>.</summary>
    public Option<RatingScale?> RatingScale { get; } = ScaleOption();

    /// <summary><c>--max-ratings N</c>.</summary>
    public Option<int?> MaxRatings { get; } = CliOption.Int("--max-ratings", "MovieLens: use only the first N ratings of the file (the rest are counted, not read)", 1);

    /// <summary><c>--split S</c>.</summary>
    public Option<SplitSpec?> Split { get; } = SplitOption();

    private IEnumerable<Option> ImportOptions => [Ratings, Items, Users, UserColumn, ItemColumn, RatingColumn, NameColumn, RatingScale];

    /// <summary>Adds the data options (and <c>--split</c> unless <paramref name="split"/> is false) with the checks of their combinations.</summary>
    public void AddTo(Command command, bool split = true)
    {
        command.Add(Data);
        foreach (var o in ImportOptions) command.Add(o);
        command.Add(MaxRatings);
        if (split) command.Add(Split);
        command.Validators.Add(r =>
        {
            bool Has(Option o) => r.GetResult(o) is not null;
            bool import = ImportOptions.Any(Has);
            if (!import) return;
            if (Has(Data)) r.AddError("--data (a MovieLens release) and --ratings/--items (a CSV import) exclude each other.");
            else if (Has(MaxRatings)) r.AddError("--max-ratings applies to MovieLens releases only.");
            else if (!Has(Ratings)) r.AddError("a CSV import needs --ratings FILE.");
            else if (!Has(Items)) r.AddError("a CSV import needs --items FILE (every rated item must be listed).");
        });
    }

    /// <summary>Adds only <c>--data</c>, <c>--max-ratings</c> and <c>--split</c> (the benchmarks, which run on MovieLens releases).</summary>
    public void AddMovieLensTo(Command command)
    {
        command.Add(Data);
        command.Add(MaxRatings);
        command.Add(Split);
    }

    /// <summary>The dataset's name for tables: the path given or the bundled release.</summary>
    public string Describe(ParseResult r) => r.GetValue(Data) ?? r.GetValue(Ratings) ?? BundledData.Name;

    /// <summary>Loads the data the options name and prints what was loaded, its feature groups and its warnings.</summary>
    public (RatingDataset Data, TimeSpan LoadTime) Load(ParseResult r, int minTagCount, TextWriter log)
    {
        var clock = Stopwatch.StartNew();
        var data = r.GetValue(Ratings) is not null ? Import(r, log) : MovieLens(r, minTagCount, log);
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

    private RatingDataset MovieLens(ParseResult r, int minTagCount, TextWriter log)
    {
        var options = new MovieLensLoadOptions { MinTagCount = minTagCount, MaxRatings = r.GetValue(MaxRatings) };
        if (r.GetValue(Data) is not string path)
        {
            log.WriteLine($"data: {BundledData.Name}");
            using var zip = BundledData.Open();
            return MovieLensLoader.Load(zip, "ml-latest-small.zip", options);
        }
        log.WriteLine($"data: {path}");
        return MovieLensLoader.Load(path, options);
    }

    private RatingDataset Import(ParseResult r, TextWriter log)
    {
        var options = new CsvImportOptions
        {
            RatingsFile = r.GetValue(Ratings)!,
            ItemsFile = r.GetValue(Items)!,
            UsersFile = r.GetValue(Users),
            UserColumn = r.GetValue(UserColumn) ?? CsvImportOptions.DefaultUserColumn,
            ItemColumn = r.GetValue(ItemColumn) ?? CsvImportOptions.DefaultItemColumn,
            RatingColumn = r.GetValue(RatingColumn) ?? CsvImportOptions.DefaultRatingColumn,
            ItemNameColumn = r.GetValue(NameColumn),
            Scale = r.GetValue(RatingScale),
        };
        log.WriteLine($"data: {options.RatingsFile}, {options.ItemsFile}{(options.UsersFile is null ? "" : ", " + options.UsersFile)} (CSV import)");
        return CsvDatasetImporter.Load(options);
    }

    /// <summary>
    /// The split <c>--split</c> names (the library's random split by default), with <paramref name="seed"/>. A test or
    /// training part without ratings, or an unknown predefined split, is a usage error.
    /// </summary>
    public RatingSplit SplitOf(ParseResult r, RatingDataset data, long seed)
    {
        var spec = r.GetValue(Split);
        RatingSplit split;
        if (spec?.Predefined is string name)
        {
            try { split = RatingSplits.Predefined(data, name); }
            catch (ArgumentException e) { throw new UsageException($"--split {name}: {ErrorPolicy.MessageOf(e)}"); }
        }
        else split = spec?.TestFraction is double f ? RatingSplits.Random(data.Ratings, f, seed) : RatingSplits.Random(data.Ratings, seed: seed);
        string given = spec is null ? "the default split" : $"--split {spec.Text}";
        string why = spec?.TestFraction is double fraction
            ? string.Create(CultureInfo.InvariantCulture, $"{fraction:0.#########} × {data.Ratings.Count:N0} ratings rounds to {split.Test.Count:N0} test and {split.Train.Count:N0} training ratings")
            : $"{split.Name}: {split.Test.Count:N0} test and {split.Train.Count:N0} training ratings";
        if (split.Test.Count == 0) throw new UsageException($"{given}: the test part is empty ({why}); use a larger test fraction.");
        if (split.Train.Count == 0) throw new UsageException($"{given}: the training part is empty ({why}); use a smaller test fraction.");
        return split;
    }

    private static Option<RatingScale?> ScaleOption()
    {
        var option = new Option<RatingScale?>("--rating-scale") { Description = "with --ratings: the rating scale (default: inferred from the ratings)", HelpName = "MIN,MAX,STEP" };
        option.CustomParser = result =>
        {
            if (result.Tokens.Count == 0) return null;
            string text = result.Tokens[0].Value;
            var values = text.Split(',', StringSplitOptions.TrimEntries)
                .Select(p => float.TryParse(p, NumberStyles.Float, CultureInfo.InvariantCulture, out float v) ? v : float.NaN).ToArray();
            if (values.Length == 3 && values.All(float.IsFinite) && values[1] > values[0] && values[2] > 0) return new RatingScale(values[0], values[1], values[2]);
            result.AddError($"--rating-scale {text}: give MIN,MAX,STEP with MIN < MAX and STEP > 0, e.g. 1,5,1.");
            return null;
        };
        return option;
    }

    private static Option<SplitSpec?> SplitOption()
    {
        var option = new Option<SplitSpec?>("--split")
        {
            Description = "random (80/20, default) | random:F (test fraction F) | a split shipped with the data: u1..u5, ua, ub (ml-100k)",
            HelpName = "S",
        };
        option.CustomParser = result =>
        {
            if (result.Tokens.Count == 0) return null;
            string text = result.Tokens[0].Value.Trim();
            if (text == "random") return new SplitSpec(text, null, null);
            if (text.StartsWith("random:", StringComparison.Ordinal))
            {
                if (double.TryParse(text["random:".Length..], NumberStyles.Float, CultureInfo.InvariantCulture, out double f) && f > 0 && f < 1)
                    return new SplitSpec(text, f, null);
                result.AddError($"--split {text}: the test fraction must be a number between 0 and 1.");
                return null;
            }
            if (text.Length == 0 || text.Contains(':', StringComparison.Ordinal))
            {
                result.AddError($"--split '{text}': expected random, random:F or the name of a split shipped with the data (u1..u5, ua, ub).");
                return null;
            }
            return new SplitSpec(text, null, text);
        };
        option.CompletionSources.Add("random", "random:0.2", "u1", "u2", "u3", "u4", "u5", "ua", "ub");
        return option;
    }
}

/// <summary>A parsed <c>--split</c>: a random split with the library's or a given test fraction, or a predefined split by name.</summary>
/// <param name="Text">As given.</param>
/// <param name="TestFraction">The test fraction of <c>random:F</c>; null for the library's default or a predefined split.</param>
/// <param name="Predefined">The name of a split shipped with the data, or null.</param>
internal sealed record SplitSpec(string Text, double? TestFraction, string? Predefined);
