namespace HybridRec.Data;

/// <summary>Options for <see cref="MovieLensLoader"/>.</summary>
public sealed record MovieLensLoadOptions
{
    /// <summary>Default for <see cref="MinTagCount"/>: 200, as the original notebook used on the 27M-rating release.</summary>
    public const int DefaultMinTagCount = 200;

    /// <summary>
    /// Tags applied fewer than this many times over the whole tag file are dropped (after normalisation to
    /// lower case and trimmed white space). On ml-latest-small the default leaves no tag; an empty tag vocabulary
    /// is reported as a warning, not an error.
    /// </summary>
    public int MinTagCount { get; init; } = DefaultMinTagCount;

    /// <summary>Use only the first N ratings of the ratings file (all when null; at least 1). Skipped ratings are counted in the report.</summary>
    public int? MaxRatings { get; init; }

    /// <summary>What to do with a second rating of the same (user, movie) pair.</summary>
    public DuplicateRatingPolicy Duplicates { get; init; } = DuplicateRatingPolicy.KeepLast;

    /// <summary>Default for <see cref="MaxLineLength"/>: 1 MiB, thousands of times the longest line of any MovieLens release.</summary>
    public const int DefaultMaxLineLength = 1 << 20;

    /// <summary>
    /// The longest line any file may hold, in bytes (characters, for ASCII), its line end excluded. A longer line
    /// fails with a <see cref="DatasetFormatException"/> naming the file and line as soon as the limit is passed,
    /// without reading the rest of the line; in CSV files the limit also bounds a record whose quoted text spans lines.
    /// </summary>
    public int MaxLineLength { get; init; } = DefaultMaxLineLength;

    /// <summary>Default for <see cref="MaxFileBytes"/>: 64 GiB, about 70 times ml-32m's ratings.csv (0.9 GB).</summary>
    public const long DefaultMaxFileBytes = 64L << 30;

    /// <summary>
    /// The largest file the loader reads, in bytes (uncompressed, for a zip entry). A larger file fails with a
    /// <see cref="DatasetFormatException"/> naming it before it is read (or, when the size is not known ahead,
    /// as soon as the limit is passed).
    /// </summary>
    public long MaxFileBytes { get; init; } = DefaultMaxFileBytes;

    /// <summary>
    /// The most ratings (and tag applications, and ratings per predefined split file) one load can hold:
    /// <see cref="Array.MaxLength"/>, the most an array holds. More fail with a located error. Lowered by tests.
    /// </summary>
    internal int RecordCapacity { get; init; } = Array.MaxLength;


    /// <summary>
    /// Parse the user profiles of ml-100k (<c>u.user</c>) and ml-1m (<c>users.dat</c>) into the user feature groups
    /// <c>age</c>, <c>gender</c>, <c>occupation</c> and <c>zip</c> (default). When off, the profile lines are only
    /// counted and the dataset has no user features.
    /// </summary>
    public bool UserFeatures { get; init; } = true;
}
