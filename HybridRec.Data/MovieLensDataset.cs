namespace HybridRec.Data;

/// <summary>
/// A loaded MovieLens release, preprocessed as the model needs it: contiguous user and movie indices,
/// ratings in stars with the release's <see cref="Scale"/> (normalise with <see cref="RatingScale.Normalize"/>),
/// movie titles, multi-hot genres and tags per movie, and the load report.
/// </summary>
public sealed class MovieLensDataset
{
    /// <summary>A short name of the source, e.g. <c>ml-latest-small</c> or the directory name.</summary>
    public required string Name { get; init; }

    /// <summary>Where the release was read from (a directory, a zip file or a stream's name).</summary>
    public required string Source { get; init; }

    /// <summary>The file layout the release uses.</summary>
    public required MovieLensFormat Format { get; init; }

    /// <summary>The release's rating scale.</summary>
    public required RatingScale Scale { get; init; }

    /// <summary>Users: raw user id ↔ index. Holds every user with at least one rating.</summary>
    public required IdMap Users { get; init; }

    /// <summary>Movies: raw movie id ↔ index. Holds every movie of the movie list, rated or not.</summary>
    public required IdMap Movies { get; init; }

    /// <summary>Movie titles by movie index.</summary>
    public required IReadOnlyList<string> Titles { get; init; }

    /// <summary>Multi-hot genres by movie index; vocabulary sorted ordinally.</summary>
    public required SparseFeatures Genres { get; init; }

    /// <summary>Multi-hot tags by movie index, after dropping tags used fewer than <see cref="MovieLensLoadOptions.MinTagCount"/> times; de-duplicated per movie.</summary>
    public required SparseFeatures Tags { get; init; }

    /// <summary>All ratings kept, in file order.</summary>
    public required RatingTable Ratings { get; init; }

    /// <summary>Predefined train/test splits shipped with the release (ml-100k: u1…u5, ua, ub), by name. Empty for other releases.</summary>
    public IReadOnlyDictionary<string, RatingSplit> PredefinedSplits { get; init; } = new Dictionary<string, RatingSplit>();

    /// <summary>Counts of everything read, kept and skipped, warnings and timings.</summary>
    public required LoadReport Report { get; init; }

    /// <summary>Title of the movie with raw id <paramref name="movieId"/>.</summary>
    public string TitleOf(int movieId) => Titles[Movies.GetIndex(movieId)];
}

/// <summary>The three MovieLens file layouts.</summary>
public enum MovieLensFormat
{
    /// <summary>Comma-separated files with a header: ml-latest-small, ml-latest, ml-20m, ml-25m, ml-32m (and HybridRec's synthetic data).</summary>
    Csv,

    /// <summary><c>::</c>-separated <c>.dat</c> files without a header: ml-1m, ml-10m.</summary>
    DoubleColon,

    /// <summary>ml-100k: tab-separated <c>u.data</c>, <c>|</c>-separated Latin-1 <c>u.item</c> with 19 genre flags.</summary>
    Ml100k,
}

/// <summary>A train/test division of ratings.</summary>
/// <param name="Name">How the split was made, e.g. <c>random 80/20 (seed 42)</c> or <c>u1</c>.</param>
/// <param name="Train">Training ratings.</param>
/// <param name="Test">Test ratings.</param>
public sealed record RatingSplit(string Name, RatingTable Train, RatingTable Test);
