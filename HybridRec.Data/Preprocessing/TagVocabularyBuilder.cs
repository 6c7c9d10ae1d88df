namespace HybridRec.Data.Preprocessing;

/// <summary>
/// Turns tag applications into multi-hot tag features: tags are normalised (trimmed, lower-cased invariantly),
/// counted over every application whose movie is in the movie list, tags used fewer than the minimum count are
/// dropped, and the remaining (movie, tag) pairs are de-duplicated per movie. The vocabulary is sorted ordinally.
/// Every application ends up in exactly one of the report's counters: unknown movie, empty, rare, duplicate pair,
/// or kept pair.
/// </summary>
internal sealed class TagVocabularyBuilder
{
    private readonly MovieIndex _movies;
    private readonly int _capacity;
    private readonly Dictionary<string, int> _tagIds = new(StringComparer.Ordinal);
    private readonly List<string> _tagNames = [];
    private readonly List<int> _counts = [];
    private readonly List<int> _appMovie = [];
    private readonly List<int> _appTag = [];
    private long _read;
    private long _unknownMovie;
    private long _empty;
    private string? _firstUnknown;

    /// <param name="movies">The movie list.</param>
    /// <param name="capacity">The most tag applications that can be kept (<see cref="MovieLensLoadOptions.RecordCapacity"/>).</param>
    public TagVocabularyBuilder(MovieIndex movies, int capacity)
    {
        _movies = movies;
        _capacity = capacity;
    }

    /// <summary>Normalises a tag: trims white space and lower-cases it with the invariant culture.</summary>
    public static string Normalize(string tag) => tag.Trim().ToLowerInvariant();

    /// <summary>Adds one tag application read from <paramref name="file"/> line <paramref name="line"/>.</summary>
    public void Add(int rawMovieId, string tag, string file, long line)
    {
        _read++;
        if (!_movies.TryGetIndex(rawMovieId, out int movie))
        {
            _unknownMovie++;
            _firstUnknown ??= $"{file} line {line} (movie {rawMovieId})";
            return;
        }
        string normalized = Normalize(tag);
        if (normalized.Length == 0)
        {
            _empty++;
            return;
        }
        if (_appMovie.Count >= _capacity) throw CapacityError.For("tag applications", _capacity, file, line);
        if (!_tagIds.TryGetValue(normalized, out int id))
        {
            id = _tagNames.Count;
            _tagIds.Add(normalized, id);
            _tagNames.Add(normalized);
            _counts.Add(0);
        }
        _counts[id]++;
        _appMovie.Add(movie);
        _appTag.Add(id);
    }

    /// <summary>Builds the tag features and fills the tag counters of <paramref name="report"/>.</summary>
    public SparseFeatures Build(int minTagCount, LoadReport report)
    {
        var kept = Enumerable.Range(0, _tagNames.Count).Where(id => _counts[id] >= minTagCount)
            .OrderBy(id => _tagNames[id], StringComparer.Ordinal).ToArray();
        var column = new int[_tagNames.Count];
        Array.Fill(column, -1);
        for (int k = 0; k < kept.Length; k++) column[kept[k]] = k;
        var vocabulary = kept.Select(id => _tagNames[id]).ToArray();

        var keys = new long[_appMovie.Count];
        int n = 0;
        long rare = 0;
        for (int a = 0; a < _appMovie.Count; a++)
        {
            int c = column[_appTag[a]];
            if (c < 0) rare++;
            else keys[n++] = CsrBuilder.Key(_appMovie[a], c);
        }
        var features = CsrBuilder.Build(keys, n, _movies.Count, vocabulary, out int pairs);

        report.TagApplicationsRead += _read;
        report.TagApplicationsUnknownMovie += _unknownMovie;
        report.TagApplicationsEmpty += _empty;
        report.TagApplicationsRare += rare;
        report.TagApplicationsDuplicate += n - pairs;
        report.TagPairsKept += pairs;
        report.DistinctTags = _tagNames.Count;
        report.TagsKept = vocabulary.Length;
        if (_unknownMovie > 0)
            report.Warnings.Add($"{_unknownMovie:N0} tag applications name movies missing from the movie list and were skipped; first: {_firstUnknown}.");
        if (_empty > 0)
            report.Warnings.Add($"{_empty:N0} tag applications have an empty tag after trimming and were skipped.");
        if (vocabulary.Length == 0)
            report.Warnings.Add(_tagNames.Count == 0
                ? "the tag vocabulary is empty: no tag applications were read."
                : $"the tag vocabulary is empty: none of the {_tagNames.Count:N0} distinct tags is used at least {minTagCount} times (MinTagCount); tag features are all zero.");
        return features;
    }
}
