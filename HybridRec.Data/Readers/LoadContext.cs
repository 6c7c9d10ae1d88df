using HybridRec.Data.IO;
using HybridRec.Data.Preprocessing;

namespace HybridRec.Data.Readers;

/// <summary>
/// State shared by the readers of one load: the source, options and report, the movie list once read, the
/// ratings and tags being accumulated, and the predefined splits.
/// </summary>
internal sealed class LoadContext
{
    private readonly HashSet<string> _consumed = new(StringComparer.OrdinalIgnoreCase);

    public LoadContext(ReleaseSource source, ReleaseLayout layout, MovieLensLoadOptions options, LoadReport report)
    {
        Source = source;
        Layout = layout;
        Options = options;
        Report = report;
        Limits = InputLimits.Of(options);
        Ratings = new RatingAccumulator(options.MaxRatings, options.RecordCapacity);
    }

    public ReleaseSource Source { get; }

    public ReleaseLayout Layout { get; }

    public MovieLensLoadOptions Options { get; }

    public LoadReport Report { get; }

    /// <summary>The bounds every file read is held to.</summary>
    public InputLimits Limits { get; }

    /// <summary>The release's rating scale.</summary>
    public RatingScale Scale => Layout.Scale;

    /// <summary>The movie list being read.</summary>
    public MovieCatalog Catalog { get; } = new();

    /// <summary>The movie list once read (see <see cref="CompleteMovies"/>).</summary>
    public MovieIndex Movies => _movies ?? throw new InvalidOperationException("the movie list has not been read yet.");
    private MovieIndex? _movies;

    /// <summary>Ratings being read.</summary>
    public RatingAccumulator Ratings { get; }

    /// <summary>Ratings after <see cref="CompleteRatings"/>.</summary>
    public RatingTable? RatingTable { get; private set; }

    /// <summary>Users after <see cref="CompleteRatings"/>.</summary>
    public IdMap? Users { get; private set; }

    /// <summary>Tag applications, when the release has a tag file.</summary>
    public TagVocabularyBuilder? Tags { get; set; }

    /// <summary>User profiles, when the release has a profile file and <see cref="MovieLensLoadOptions.UserFeatures"/> is on.</summary>
    public UserProfileBuilder? Profiles { get; set; }

    /// <summary>Predefined splits (ml-100k).</summary>
    public Dictionary<string, RatingSplit> Splits { get; } = new(StringComparer.Ordinal);

    /// <summary>Display path of a file of the release.</summary>
    public string PathOf(string file) => Source.DisplayPath(file);

    /// <summary>Notes that <paramref name="file"/> was read.</summary>
    public void MarkRead(string file)
    {
        if (_consumed.Add(file)) Report.FilesRead.Add(Source.DisplayPath(file));
    }

    /// <summary>Opens <paramref name="file"/> within <see cref="Limits"/> and notes that it was read.</summary>
    public Stream Open(string file)
    {
        var stream = Source.Open(file, Limits);
        MarkRead(file);
        return stream;
    }

    /// <summary>Opens <paramref name="file"/> within <see cref="Limits"/> for reading line by line, and notes that it was read.</summary>
    public LineReader OpenLines(string file) => new(Open(file));

    /// <summary>Whether <paramref name="file"/> was read.</summary>
    public bool WasRead(string file) => _consumed.Contains(file);

    /// <summary>Counts blank lines skipped in <paramref name="file"/> and warns.</summary>
    public void BlankLines(string file, long count)
    {
        if (count == 0) return;
        Report.BlankLinesSkipped += count;
        Report.Warnings.Add($"{PathOf(file)}: skipped {count:N0} blank line{(count == 1 ? "" : "s")}.");
    }

    /// <summary>Ends the movie list: builds the movie map, titles and genres.</summary>
    public void CompleteMovies(string movieFile)
    {
        _movies = Catalog.Build(PathOf(movieFile));
        Report.ItemsRead = _movies.Count;
        Report.Genres = _movies.Genres.Columns;
        Report.GenreEntriesSkipped = Catalog.GenreEntriesSkipped;
        if (Catalog.GenreEntriesSkipped > 0)
            Report.Warnings.Add($"{PathOf(movieFile)}: skipped {Catalog.GenreEntriesSkipped:N0} empty or repeated genre names in genre lists.");
        if (Catalog.MoviesWithoutGenres > 0)
            Report.Warnings.Add($"{PathOf(movieFile)}: {Catalog.MoviesWithoutGenres:N0} movies have an empty genre list.");
        if (_movies.Count == 0)
            Report.Warnings.Add($"{PathOf(movieFile)}: the movie list is empty.");
    }

    /// <summary>Counts ratings beyond <see cref="MovieLensLoadOptions.MaxRatings"/>.</summary>
    public void SkippedByLimit(string file, long count)
    {
        Report.RatingsSkippedByLimit += count;
        if (count > 0)
            Report.Warnings.Add($"{PathOf(file)}: kept the first {Options.MaxRatings:N0} ratings (MaxRatings); {count:N0} later rating lines not used.");
    }

    /// <summary>Ends the ratings: resolves duplicates and builds the user map.</summary>
    public void CompleteRatings(string ratingFile)
    {
        Report.RatingsRead = Ratings.Count;
        var (table, users) = Ratings.Complete(Movies.Map, Options.Duplicates, PathOf(ratingFile), Report);
        if (table.Count == 0)
            throw new DatasetFormatException(PathOf(ratingFile), 0, "", null,
                "no ratings: the file holds no rating lines (it is empty, blank or only a header); a dataset needs at least one rating");
        RatingTable = table;
        Users = users;
    }
}
