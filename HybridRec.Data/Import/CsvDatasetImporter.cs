using System.Diagnostics;
using System.Globalization;
using HybridRec.Data.Import;
using HybridRec.Data.Preprocessing;
using HybridRec.Data.Readers;

namespace HybridRec.Data;

/// <summary>
/// Imports anyone's ratings from CSV files (see <see cref="CsvImportOptions"/> for the layout) into a
/// <see cref="RatingDataset"/>: items from the items file (names, feature groups), ratings from the ratings file,
/// user feature groups from the optional users file. Every bad line is a <see cref="DatasetFormatException"/>
/// naming the file, line and field: a malformed record, a non-numeric id or rating, a rating off the scale, an item
/// id listed twice, and a rated item missing from the items file (the import does not guess items). Everything not
/// used is counted in the report: columns, blank lines, duplicate ratings, profiles of users without ratings.
/// </summary>
public static class CsvDatasetImporter
{
    /// <summary>The name columns tried, in order, when <see cref="CsvImportOptions.ItemNameColumn"/> is null.</summary>
    public static IReadOnlyList<string> DefaultNameColumns { get; } = ["name", "title"];

    /// <summary>Reads the files of <paramref name="options"/>.</summary>
    /// <exception cref="DatasetFormatException">A file is malformed (the message names file, line and field).</exception>
    /// <exception cref="FileNotFoundException">A file does not exist.</exception>
    public static RatingDataset Load(CsvImportOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentException.ThrowIfNullOrWhiteSpace(options.RatingsFile, nameof(options.RatingsFile));
        ArgumentException.ThrowIfNullOrWhiteSpace(options.ItemsFile, nameof(options.ItemsFile));
        if (!Enum.IsDefined(options.Duplicates)) throw new ArgumentOutOfRangeException(nameof(options), $"unknown duplicate policy {options.Duplicates}.");
        if (options.Scale is { } given && !(given.Range > 0 && given.Step > 0)) throw new ArgumentException($"the rating scale {given} is empty.", nameof(options));
        var clock = Stopwatch.StartNew();
        var report = new LoadReport { Release = "CSV import" };

        var itemFile = EntityFile.Read(options.ItemsFile, options.ItemColumn, "item", NameColumn(options), options.ItemFeatureColumns, options, report);
        var items = IdMap.FromRawIds(itemFile.Ids);
        var names = new string[items.Count];
        for (int i = 0; i < itemFile.Ids.Count; i++) names[items.GetIndex(itemFile.Ids[i])] = itemFile.Names[i];
        report.ItemsRead = items.Count;
        if (items.Count == 0) report.Warnings.Add($"{options.ItemsFile}: the item list is empty.");

        var (ratings, users, scale) = ReadRatings(options, items, report);

        var itemFeatures = new FeatureGroupCollection(itemFile.Groups.Select(g => g.Build(items)));
        var userFeatures = FeatureGroupCollection.Empty;
        if (options.UsersFile is string usersPath)
        {
            var userFile = EntityFile.Read(usersPath, options.UserColumn, "user", null, options.UserFeatureColumns, options, report);
            userFeatures = new FeatureGroupCollection(userFile.Groups.Select(g => g.Build(users)));
            report.UserProfilesRead = userFile.Lines;
            report.UserProfilesWithoutRatings = userFile.Ids.Count(id => !users.Contains(id));
            report.UsersWithoutProfile = users.Count - (userFile.Ids.Count - (int)report.UserProfilesWithoutRatings);
            if (report.UserProfilesWithoutRatings > 0)
                report.Warnings.Add($"{usersPath}: {report.UserProfilesWithoutRatings:N0} users without ratings were ignored.");
            if (report.UsersWithoutProfile > 0)
                report.Warnings.Add($"{usersPath}: {report.UsersWithoutProfile:N0} users with ratings are not listed; they have no user features.");
        }
        report.Summarise(ratings, items.Count, itemFeatures, userFeatures);
        report.LoadTime = clock.Elapsed;
        return new RatingDataset
        {
            Name = options.Name ?? Path.GetFileNameWithoutExtension(options.RatingsFile),
            Source = options.RatingsFile,
            Format = DatasetFormats.Csv,
            Scale = scale,
            Users = users,
            Items = items,
            ItemNames = names,
            Ratings = ratings,
            ItemFeatures = itemFeatures,
            UserFeatures = userFeatures,
            Report = report,
        };
    }

    private static string? NameColumn(CsvImportOptions options)
    {
        if (options.ItemNameColumn is not null) return options.ItemNameColumn;
        using var csv = CsvTable.Open(options.ItemsFile);
        return DefaultNameColumns.FirstOrDefault(c => csv.IndexOf(c) >= 0 && !string.Equals(c, options.ItemColumn, StringComparison.OrdinalIgnoreCase));
    }

    private static (RatingTable Ratings, IdMap Users, RatingScale Scale) ReadRatings(CsvImportOptions options, IdMap items, LoadReport report)
    {
        using var csv = CsvTable.Open(options.RatingsFile);
        string path = csv.Path;
        int user = csv.Require(options.UserColumn, "user id");
        int item = csv.Require(options.ItemColumn, "item id");
        int rating = csv.Require(options.RatingColumn, "rating");
        foreach (int c in Enumerable.Range(0, csv.Columns.Count).Where(c => c != user && c != item && c != rating))
            report.IgnoredColumns.Add($"{path}: {csv.Columns[c]}");
        string userField = csv.Columns[user], itemField = csv.Columns[item], ratingField = csv.Columns[rating];
        var accumulator = new RatingAccumulator(null, Array.MaxLength);
        while (csv.Read())
        {
            long line = csv.Line;
            int u = FieldParser.ParseId(csv[user], path, line, userField);
            int rawItem = FieldParser.ParseId(csv[item], path, line, itemField);
            if (!items.TryGetIndex(rawItem, out int m))
                throw new DatasetFormatException(path, line, itemField, rawItem.ToString(CultureInfo.InvariantCulture),
                    $"item {rawItem} is not in the items file ({options.ItemsFile})");
            string text = csv.Text(rating);
            if (!float.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out float stars) || !float.IsFinite(stars))
                throw new DatasetFormatException(path, line, ratingField, text, $"{ratingField} is not a number");
            if (options.Scale is { } scale && RatingScaleInference.Problem(stars, scale, inferred: false) is string problem)
                throw new DatasetFormatException(path, line, ratingField, text, problem);
            if (accumulator.AtCapacity) throw CapacityError.For("ratings", Array.MaxLength, path, line);
            accumulator.Add(u, m, stars, line);
        }
        report.FilesRead.Add(path);
        report.BlankLinesSkipped += csv.BlankLines;
        if (csv.BlankLines > 0) report.Warnings.Add($"{path}: skipped {csv.BlankLines:N0} blank line{(csv.BlankLines == 1 ? "" : "s")}.");
        report.RatingsRead = accumulator.Count;

        RatingScale resolved;
        if (options.Scale is { } s) resolved = s;
        else
        {
            try { resolved = RatingScaleInference.Infer(accumulator.Count, accumulator.StarsAt); }
            catch (ArgumentException e) { throw new DatasetFormatException(path, 0, ratingField, null, e.Message); }
            for (int i = 0; i < accumulator.Count; i++)
                if (RatingScaleInference.Problem(accumulator.StarsAt(i), resolved, inferred: true) is string problem)
                    throw new DatasetFormatException(path, accumulator.LineOf(i), ratingField, accumulator.StarsAt(i).ToString(CultureInfo.InvariantCulture), problem);
        }
        var (ratings, users) = accumulator.Complete(items, options.Duplicates, path, report, $"{userField},{itemField}", "item");
        if (ratings.Count == 0) report.Warnings.Add($"{path}: no ratings were kept.");
        return (ratings, users, resolved);
    }
}
