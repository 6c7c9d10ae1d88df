namespace HybridRec.Data.Preprocessing;

/// <summary>
/// Collects the movie list of a release (id, title, genres) in file order, rejects duplicate ids, and builds the
/// movie <see cref="IdMap"/>, titles by index and the multi-hot genre matrix (vocabulary sorted ordinally).
/// </summary>
internal sealed class MovieCatalog
{
    private readonly List<int> _ids = [];
    private readonly List<string> _titles = [];
    private readonly List<int[]> _genres = [];
    private readonly Dictionary<int, long> _lineOf = [];
    private readonly Dictionary<string, int> _genreIds = new(StringComparer.Ordinal);
    private readonly List<string> _genreNames = [];

    /// <summary>Movies added so far.</summary>
    public int Count => _ids.Count;

    /// <summary>Movies whose genre list was empty.</summary>
    public int MoviesWithoutGenres { get; private set; }

    /// <summary>Genre entries skipped: empty names between separators, and names repeated within one movie.</summary>
    public int GenreEntriesSkipped { get; private set; }

    /// <summary>Splits a <c>|</c>-separated genre field into trimmed names; an empty field has no genres.</summary>
    public static string[] SplitGenres(string field) =>
        string.IsNullOrWhiteSpace(field) ? [] : field.Split('|', StringSplitOptions.TrimEntries);

    /// <summary>Adds a genre to the vocabulary even if no movie has it (ml-100k lists its genres in u.genre).</summary>
    public int DeclareGenre(string name)
    {
        if (!_genreIds.TryGetValue(name, out int id))
        {
            id = _genreNames.Count;
            _genreIds.Add(name, id);
            _genreNames.Add(name);
        }
        return id;
    }

    /// <summary>Adds a movie; throws naming both lines when <paramref name="rawId"/> was already listed.</summary>
    public void Add(int rawId, string title, IEnumerable<string> genres, string file, long line, string idField, string idText)
    {
        if (!_lineOf.TryAdd(rawId, line))
            throw new DatasetFormatException(file, line, idField, idText,
                $"duplicate movie id {rawId}: already listed on line {_lineOf[rawId]}");
        var ids = new List<int>();
        foreach (var g in genres)
        {
            int id = g.Length == 0 ? -1 : DeclareGenre(g);
            if (id < 0 || ids.Contains(id)) GenreEntriesSkipped++;
            else ids.Add(id);
        }
        if (ids.Count == 0) MoviesWithoutGenres++;
        _ids.Add(rawId);
        _titles.Add(title);
        _genres.Add([.. ids]);
    }

    /// <summary>Builds the movie index: map, titles, genres and a fast id lookup.</summary>
    public MovieIndex Build(string movieFile)
    {
        var map = IdMap.FromRawIds(_ids);
        var titles = new string[map.Count];
        var order = _genreNames.Select((name, id) => (name, id)).OrderBy(p => p.name, StringComparer.Ordinal).ToArray();
        var vocabulary = order.Select(p => p.name).ToArray();
        var column = new int[order.Length];
        for (int k = 0; k < order.Length; k++) column[order[k].id] = k;

        var keys = new long[_genres.Sum(g => g.Length)];
        int n = 0;
        for (int i = 0; i < _ids.Count; i++)
        {
            int row = map.GetIndex(_ids[i]);
            titles[row] = _titles[i];
            foreach (int g in _genres[i]) keys[n++] = CsrBuilder.Key(row, column[g]);
        }
        var genres = CsrBuilder.Build(keys, n, map.Count, vocabulary, out _);
        return new MovieIndex(map, titles, genres, movieFile);
    }
}

/// <summary>The movies of a release after reading the movie list, with a fast raw id → index lookup.</summary>
internal sealed class MovieIndex
{
    /// <summary>The dense lookup table is used when the id range is at most max(this, <see cref="DensePerMovie"/> × movies): memory in proportion to the movie list, never to an id's value.</summary>
    private const int MinDenseRange = 1 << 16;

    private const int DensePerMovie = 32;

    private readonly int[]? _dense; // index + 1 at raw id - _min; 0 = absent
    private readonly int _min;

    public MovieIndex(IdMap map, string[] titles, SparseFeatures genres, string movieFile)
    {
        Map = map;
        Titles = titles;
        Genres = genres;
        MovieFile = movieFile;
        if (map.Count > 0)
        {
            long min = map.GetRawId(0), max = map.GetRawId(map.Count - 1);
            long range = max - min + 1;
            if (range <= Math.Max(MinDenseRange, DensePerMovie * (long)map.Count) && range <= Array.MaxLength)
            {
                _min = (int)min;
                _dense = new int[range];
                for (int i = 0; i < map.Count; i++) _dense[map.GetRawId(i) - _min] = i + 1;
            }
        }
    }

    /// <summary>Raw id ↔ index.</summary>
    public IdMap Map { get; }

    /// <summary>Titles by index.</summary>
    public string[] Titles { get; }

    /// <summary>Multi-hot genres by index.</summary>
    public SparseFeatures Genres { get; }

    /// <summary>Display path of the movie list, for error messages.</summary>
    public string MovieFile { get; }

    /// <summary>Number of movies.</summary>
    public int Count => Map.Count;

    /// <summary>Looks up the index of a raw movie id.</summary>
    public bool TryGetIndex(int rawId, out int index)
    {
        if (_dense is not null)
        {
            uint offset = (uint)(rawId - _min);
            if (offset < (uint)_dense.Length)
            {
                index = _dense[offset] - 1;
                return index >= 0;
            }
            index = -1;
            return false;
        }
        return Map.TryGetIndex(rawId, out index);
    }
}
