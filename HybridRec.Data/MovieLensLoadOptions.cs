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

    /// <summary>
    /// Parse the user profiles of ml-100k (<c>u.user</c>) and ml-1m (<c>users.dat</c>) into the user feature groups
    /// <c>age</c>, <c>gender</c>, <c>occupation</c> and <c>zip</c> (default). When off, the profile lines are only
    /// counted and the dataset has no user features.
    /// </summary>
    public bool UserFeatures { get; init; } = true;
}
