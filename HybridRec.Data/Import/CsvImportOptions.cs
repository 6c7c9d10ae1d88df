namespace HybridRec.Data;

/// <summary>
/// What <see cref="CsvDatasetImporter"/> reads: a ratings file (one rating per line), an items file (one item per
/// line, with an optional name column and feature columns) and an optional users file (one user per line with
/// feature columns). Files are comma-separated with a header on line 1, UTF-8 with or without BOM, LF or CRLF line
/// ends, RFC 4180 quoting. Column names are matched ignoring case and surrounding white space.
/// </summary>
public sealed record CsvImportOptions
{
    /// <summary>Default <see cref="UserColumn"/>.</summary>
    public const string DefaultUserColumn = "user";

    /// <summary>Default <see cref="ItemColumn"/>.</summary>
    public const string DefaultItemColumn = "item";

    /// <summary>Default <see cref="RatingColumn"/>.</summary>
    public const string DefaultRatingColumn = "rating";

    /// <summary>The ratings file: columns <see cref="UserColumn"/>, <see cref="ItemColumn"/> and <see cref="RatingColumn"/> in any order; other columns are ignored and listed in the report.</summary>
    public required string RatingsFile { get; init; }

    /// <summary>
    /// The items file: the id column <see cref="ItemColumn"/>, an optional name column (<see cref="ItemNameColumn"/>) and
    /// feature columns. Every item that is rated must be listed; items without ratings keep an index.
    /// </summary>
    public required string ItemsFile { get; init; }

    /// <summary>The users file (optional): the id column <see cref="UserColumn"/> and feature columns. Lines of users without ratings are counted and ignored.</summary>
    public string? UsersFile { get; init; }

    /// <summary>The dataset's name; null uses the ratings file's name without its extension.</summary>
    public string? Name { get; init; }

    /// <summary>The user id column of the ratings and users files (whole numbers).</summary>
    public string UserColumn { get; init; } = DefaultUserColumn;

    /// <summary>The item id column of the ratings and items files (whole numbers).</summary>
    public string ItemColumn { get; init; } = DefaultItemColumn;

    /// <summary>The rating column of the ratings file (numbers, invariant culture).</summary>
    public string RatingColumn { get; init; } = DefaultRatingColumn;

    /// <summary>The item name column; null uses a column named <c>name</c> or <c>title</c> when there is one (items have empty names otherwise).</summary>
    public string? ItemNameColumn { get; init; }

    /// <summary>The item feature columns; null makes every column besides the id and the name a feature group.</summary>
    public IReadOnlyList<string>? ItemFeatureColumns { get; init; }

    /// <summary>The user feature columns; null makes every column besides the id a feature group.</summary>
    public IReadOnlyList<string>? UserFeatureColumns { get; init; }

    /// <summary>
    /// Forces the kind of feature columns, by column name. Otherwise a column is <see cref="FeatureKind.MultiHot"/>
    /// when any of its cells holds a <see cref="ListSeparator"/>-separated list, and <see cref="FeatureKind.Categorical"/>
    /// otherwise. A forced categorical column keeps each cell whole.
    /// </summary>
    public IReadOnlyDictionary<string, FeatureKind>? FeatureKinds { get; init; }

    /// <summary>Separates the values of a multi-hot cell (default <c>|</c>, as MovieLens genres).</summary>
    public char ListSeparator { get; init; } = '|';

    /// <summary>The rating scale; null infers it (lowest, highest, smallest gap between two distinct ratings).</summary>
    public RatingScale? Scale { get; init; }

    /// <summary>What to do with a second rating of the same (user, item) pair.</summary>
    public DuplicateRatingPolicy Duplicates { get; init; } = DuplicateRatingPolicy.KeepLast;
}
