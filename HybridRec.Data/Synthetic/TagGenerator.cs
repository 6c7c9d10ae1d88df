namespace HybridRec.Data.Synthetic;

/// <summary>
/// Generates the tag application lines of a run of taggers (one thread's working state). A tag application picks
/// a movie (by popularity, sometimes uniformly, often the movie tagged just before) and then a tag by popularity,
/// accepted with a probability that favours the movie's genres and latent taste.
/// </summary>
internal sealed class TagGenerator
{
    private const double UniformMovieShare = 0.3;
    private const double SameMovieShare = 0.4;
    private const double GenericTagAcceptance = 0.3;
    private const double OffGenreAcceptance = 0.03;
    private const double FactorSharpness = 1.5;
    private const int MaxTries = 100;

    private readonly SyntheticOptions _options;
    private readonly MovieModel _movies;
    private readonly TagVocabulary _tags;
    private (int Movie, long Timestamp, int Tag)[] _scratch = [];

    /// <summary>Creates the state for one thread.</summary>
    public TagGenerator(SyntheticOptions options, MovieModel movies, TagVocabulary tags)
    {
        _options = options;
        _movies = movies;
        _tags = tags;
        TagCounts = new long[tags.Count];
    }

    /// <summary>Applications per tag produced by this generator so far.</summary>
    public long[] TagCounts { get; }

    /// <summary>Upper bound on the bytes of one tag line.</summary>
    public int MaxLineBytes => 10 + 10 + _tags.MaxWordBytes + 10 + 4;

    /// <summary>Appends the lines of tagger <paramref name="user"/> (0-based) applying <paramref name="count"/> tags.</summary>
    public void Generate(int user, int count, CsvBuffer text)
    {
        var rng = SeedStreams.Create(_options.Seed, "tagger", user);
        var window = Timeline.TagWindow(_options.Seed, user);
        if (_scratch.Length < count) _scratch = new (int, long, int)[Math.Max(count, 2 * _scratch.Length)];
        var items = _scratch.AsSpan(0, count);
        int movie = -1;
        for (int j = 0; j < count; j++)
        {
            if (movie < 0 || rng.NextDouble() >= SameMovieShare)
                movie = rng.NextDouble() < UniformMovieShare ? rng.NextInt(_movies.Count) : _movies.Popularity.Sample(rng);
            items[j] = (movie, window.Draw(rng), DrawTag(rng, movie));
        }
        items.Sort(); // by movie, then time, then tag: MovieLens order is by user, then movie

        text.Reserve(count * MaxLineBytes);
        long userId = user + 1L;
        foreach (var (m, timestamp, tag) in items)
        {
            TagCounts[tag]++;
            text.Append(userId);
            text.Append((byte)',');
            text.Append(m + 1L);
            text.Append((byte)',');
            text.Append(_tags.Utf8[tag]);
            text.Append((byte)',');
            text.Append(timestamp);
            text.Append((byte)'\n');
        }
    }

    private int DrawTag(SeededRandom rng, int movie)
    {
        var genres = _movies.GenresOf(movie);
        var q = _movies.FactorsOf(movie);
        int k = q.Length;
        double scale = _movies.FactorStd > 0 ? FactorSharpness / _movies.FactorStd : 0;
        int tag = 0;
        for (int attempt = 0; attempt < MaxTries; attempt++)
        {
            tag = _tags.Popularity.Sample(rng);
            int home = _tags.HomeGenre[tag];
            double genreFit = home < 0 ? GenericTagAcceptance : genres.Contains((byte)home) ? 1.0 : OffGenreAcceptance;
            double dot = 0;
            var d = _tags.Directions.AsSpan(tag * k, k);
            for (int f = 0; f < k; f++) dot += d[f] * q[f];
            double accept = genreFit / (1.0 + Math.Exp(-scale * dot));
            if (rng.NextDouble() < accept) return tag;
        }
        return tag;
    }
}
