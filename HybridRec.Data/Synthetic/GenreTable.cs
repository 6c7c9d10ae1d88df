namespace HybridRec.Data.Synthetic;

/// <summary>
/// The 20 MovieLens genre labels in ordinal order (so a sorted index list joins to a sorted genre string, as in
/// MovieLens files), with per-movie frequencies and rating offsets in the spirit of ml-latest.
/// </summary>
internal static class GenreTable
{
    /// <summary>Index of <c>(no genres listed)</c>, used alone.</summary>
    public const int NoGenres = 0;

    /// <summary>Share of movies with <c>(no genres listed)</c>.</summary>
    public const double NoGenresShare = 0.03;

    /// <summary>Labels, ordinal order.</summary>
    public static readonly string[] Labels =
    [
        "(no genres listed)", "Action", "Adventure", "Animation", "Children", "Comedy", "Crime", "Documentary", "Drama",
        "Fantasy", "Film-Noir", "Horror", "IMAX", "Musical", "Mystery", "Romance", "Sci-Fi", "Thriller", "War", "Western",
    ];

    /// <summary>Share of movies carrying each genre in ml-latest-small (drives the draw of a movie's genres; index 0 unused).</summary>
    public static readonly double[] Frequency =
    [
        0, 0.188, 0.130, 0.063, 0.068, 0.386, 0.123, 0.045, 0.448,
        0.080, 0.009, 0.100, 0.016, 0.034, 0.059, 0.164, 0.101, 0.194, 0.039, 0.017,
    ];

    /// <summary>Rating offset of each genre in stars (a movie gets the mean over its genres): Film-Noir, War and Documentary up, Horror down.</summary>
    public static readonly double[] RatingOffset =
    [
        -0.15, -0.10, -0.02, 0.12, -0.12, -0.10, 0.12, 0.20, 0.15,
        -0.03, 0.40, -0.30, 0.10, 0.05, 0.10, 0.03, -0.05, -0.03, 0.25, 0.08,
    ];

    /// <summary>Cumulative probabilities of 1, 2, 3, 4 genres for a movie that has genres.</summary>
    public static readonly double[] GenreCountCdf = [0.30, 0.65, 0.90, 1.0];

    /// <summary>Number of labels.</summary>
    public static int Count => Labels.Length;
}
