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

    /// <summary>Use only the first N ratings of the ratings file (all when null). Skipped ratings are counted in the report.</summary>
    public int? MaxRatings { get; init; }

    /// <summary>What to do with a second rating of the same (user, movie) pair.</summary>
    public DuplicateRatingPolicy Duplicates { get; init; } = DuplicateRatingPolicy.KeepLast;
}

/// <summary>How the loader treats repeated (user, movie) ratings. Every duplicate is counted in the report either way.</summary>
public enum DuplicateRatingPolicy
{
    /// <summary>Keep the rating that comes last in the file, drop earlier ones, count them and warn.</summary>
    KeepLast,

    /// <summary>Fail with a <see cref="MovieLensFormatException"/> naming both lines.</summary>
    Error,
}
