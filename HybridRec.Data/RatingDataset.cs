namespace HybridRec.Data;

/// <summary>
/// Ratings of users for items, with everything the model needs besides them: contiguous user and item indices,
/// the rating scale, item names, and any number of named feature groups on items and on users. Produced by
/// <see cref="MovieLensLoader"/>, <see cref="CsvDatasetImporter"/> and <see cref="RatingDatasetBuilder"/>.
/// </summary>
/// <remarks>
/// Raw user and item ids are <see cref="int"/>s (as in every MovieLens release). Data keyed by strings (SKUs,
/// e-mail hashes) needs its own string → int map before it is loaded; the model reports and recommends raw ids.
/// </remarks>
public sealed class RatingDataset
{
    /// <summary>A short name of the data, e.g. <c>ml-latest-small</c> or the ratings file's name.</summary>
    public required string Name { get; init; }

    /// <summary>Where the data was read from (a directory, a zip, a file, or <c>memory</c>).</summary>
    public required string Source { get; init; }

    /// <summary>The reader that produced the data, one of <see cref="DatasetFormats"/> (e.g. <c>movielens-csv</c>, <c>csv</c>, <c>in-memory</c>).</summary>
    public required string Format { get; init; }

    /// <summary>The rating scale; ratings are normalised to [0, 1] with it.</summary>
    public required RatingScale Scale { get; init; }

    /// <summary>Users: raw user id ↔ index. Holds every user with at least one rating.</summary>
    public required IdMap Users { get; init; }

    /// <summary>Items: raw item id ↔ index. Holds every item of the item list, rated or not.</summary>
    public required IdMap Items { get; init; }

    /// <summary>Item names (titles) by item index; empty strings where the data has none.</summary>
    public required IReadOnlyList<string> ItemNames { get; init; }

    /// <summary>All ratings kept (user and item indices, rating on <see cref="Scale"/>).</summary>
    public required RatingTable Ratings { get; init; }

    /// <summary>Feature groups whose rows are item indices (MovieLens: <c>genres</c>, <c>tags</c>).</summary>
    public FeatureGroupCollection ItemFeatures { get; init; } = FeatureGroupCollection.Empty;

    /// <summary>Feature groups whose rows are user indices (MovieLens ml-100k and ml-1m: <c>age</c>, <c>gender</c>, <c>occupation</c>, <c>zip</c>).</summary>
    public FeatureGroupCollection UserFeatures { get; init; } = FeatureGroupCollection.Empty;

    /// <summary>Predefined train/test splits shipped with the data (ml-100k: u1…u5, ua, ub), by name; empty otherwise.</summary>
    public IReadOnlyDictionary<string, RatingSplit> PredefinedSplits { get; init; } = new Dictionary<string, RatingSplit>();

    /// <summary>Counts of everything read, kept and skipped, the feature groups, warnings and timings.</summary>
    public required LoadReport Report { get; init; }

    /// <summary>Name of the item with raw id <paramref name="itemId"/>.</summary>
    public string NameOf(int itemId) => ItemNames[Items.GetIndex(itemId)];

    /// <summary>
    /// Throws <see cref="ArgumentException"/> naming the first inconsistency: item names or feature rows that do not
    /// match the id maps, rating indices out of range, an empty rating scale. The readers and the builder return
    /// valid datasets; this checks one assembled by hand.
    /// </summary>
    public void Validate()
    {
        if (!(Scale.Range > 0)) throw new ArgumentException($"{Name}: the rating scale {Scale} is empty.");
        if (ItemNames.Count != Items.Count) throw new ArgumentException($"{Name}: {ItemNames.Count:N0} item names for {Items.Count:N0} items.");
        foreach (var g in ItemFeatures)
            if (g.Rows != Items.Count) throw new ArgumentException($"{Name}: item feature group '{g.Name}' has {g.Rows:N0} rows for {Items.Count:N0} items.");
        foreach (var g in UserFeatures)
            if (g.Rows != Users.Count) throw new ArgumentException($"{Name}: user feature group '{g.Name}' has {g.Rows:N0} rows for {Users.Count:N0} users.");
        ValidateIndices(Ratings, "ratings");
        foreach (var (name, split) in PredefinedSplits)
        {
            ValidateIndices(split.Train, $"split {name} (train)");
            ValidateIndices(split.Test, $"split {name} (test)");
        }
    }

    private void ValidateIndices(RatingTable table, string what)
    {
        for (int i = 0; i < table.Count; i++)
        {
            if ((uint)table.Users[i] >= (uint)Users.Count) throw new ArgumentException($"{Name}: {what} rating {i} has user index {table.Users[i]} outside [0, {Users.Count}).");
            if ((uint)table.Items[i] >= (uint)Items.Count) throw new ArgumentException($"{Name}: {what} rating {i} has item index {table.Items[i]} outside [0, {Items.Count}).");
        }
    }
}

/// <summary>The values of <see cref="RatingDataset.Format"/>.</summary>
public static class DatasetFormats
{
    /// <summary>A MovieLens CSV release (ml-latest-small, ml-latest, ml-20m, ml-25m, ml-32m; HybridRec's synthetic data).</summary>
    public const string MovieLensCsv = "movielens-csv";

    /// <summary>A MovieLens <c>::</c> release (ml-1m, ml-10m).</summary>
    public const string MovieLensDat = "movielens-dat";

    /// <summary>MovieLens ml-100k.</summary>
    public const string MovieLens100k = "movielens-100k";

    /// <summary>Ratings, items and users imported from CSV files by <see cref="CsvDatasetImporter"/>.</summary>
    public const string Csv = "csv";

    /// <summary>Built in code with <see cref="RatingDatasetBuilder"/>.</summary>
    public const string InMemory = "in-memory";

    /// <summary>Whether <paramref name="format"/> is one of the MovieLens formats.</summary>
    public static bool IsMovieLens(string? format) => format is MovieLensCsv or MovieLensDat or MovieLens100k;
}

/// <summary>A train/test division of ratings.</summary>
/// <param name="Name">How the split was made, e.g. <c>random 80/20 (seed 42)</c> or <c>u1</c>.</param>
/// <param name="Train">Training ratings.</param>
/// <param name="Test">Test ratings.</param>
public sealed record RatingSplit(string Name, RatingTable Train, RatingTable Test);
