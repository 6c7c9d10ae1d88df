using HybridRec.Data.IO;
using HybridRec.Data.Preprocessing;

namespace HybridRec.Data.Readers;

/// <summary>
/// Reads ml-100k: <c>u.genre</c> (optional; <c>name|index</c>), <c>u.item</c> (<c>|</c>-separated, Latin-1:
/// id|title|release date|video release date|IMDb URL|one 0/1 flag per genre), <c>u.data</c> (tab-separated
/// user, item, rating, timestamp), <c>u.user</c> (optional: <c>id|age|gender|occupation|zip</c>, the user features) and the predefined splits
/// <c>u1.base/u1.test</c> … <c>u5</c>, <c>ua</c>, <c>ub</c>.
/// </summary>
internal static class Ml100kReader
{
    /// <summary>The genres of ml-100k in flag order, used when <c>u.genre</c> is absent.</summary>
    public static readonly string[] StandardGenres =
    [
        "unknown", "Action", "Adventure", "Animation", "Children's", "Comedy", "Crime", "Documentary", "Drama", "Fantasy",
        "Film-Noir", "Horror", "Musical", "Mystery", "Romance", "Sci-Fi", "Thriller", "War", "Western",
    ];

    /// <summary>Names of the predefined splits, in the order they are looked for.</summary>
    public static readonly string[] SplitNames = ["u1", "u2", "u3", "u4", "u5", "ua", "ub"];

    private static readonly string[] RatingColumns = ["user id", "item id", "rating", "timestamp"];
    private static readonly string[] GenreColumns = ["genre", "index"];
    private static readonly string[] UserColumns = ["user id", "age", "gender", "occupation", "zip code"];

    public static void Read(LoadContext ctx)
    {
        var genres = ctx.Source.Has("u.genre") ? ReadGenres(ctx) : StandardGenres;
        ReadItems(ctx, genres);
        ReadRatings(ctx);
        if (ctx.Source.Has("u.user")) ReadUsers(ctx);
        ReadSplits(ctx);
    }

    private static string[] ReadGenres(LoadContext ctx)
    {
        string path = ctx.PathOf("u.genre");
        var byIndex = new SortedDictionary<int, string>();
        var lineOf = new Dictionary<int, long>();
        using var lines = ctx.OpenLines("u.genre");
        Span<Range> f = stackalloc Range[2];
        long blank = 0;
        while (lines.TryReadLine(out var line))
        {
            if (LineReader.IsBlank(line)) { blank++; continue; }
            long n = lines.LineNumber;
            DatReleaseReader.RequireFields(SingleSeparator.Split(line, f, (byte)'|'), GenreColumns, path, n, line, TextDecoding.Latin1);
            string name = TextDecoding.Latin1.GetString(line[f[0]]).Trim();
            int index = FieldParser.ParseId(line[f[1]], path, n, "index");
            if (name.Length == 0)
                throw new DatasetFormatException(path, n, "genre", "", "the genre name is empty");
            if (!lineOf.TryAdd(index, n))
                throw new DatasetFormatException(path, n, "index", index.ToString(System.Globalization.CultureInfo.InvariantCulture),
                    $"genre index {index} is already used on line {lineOf[index]}");
            byIndex.Add(index, name);
        }
        ctx.BlankLines("u.genre", blank);
        var result = byIndex.Values.ToArray();
        int expected = 0;
        foreach (var (index, _) in byIndex)
        {
            if (index != expected)
                throw new DatasetFormatException(path, lineOf[index], "index", index.ToString(System.Globalization.CultureInfo.InvariantCulture),
                    $"genre indices must be 0..{byIndex.Count - 1} without gaps; {expected} is missing");
            expected++;
        }
        if (result.Length == 0)
            throw new DatasetFormatException(path, 0, "", null, "lists no genres");
        return result;
    }

    private static void ReadItems(LoadContext ctx, string[] genres)
    {
        string path = ctx.PathOf("u.item");
        foreach (var g in genres) ctx.Catalog.DeclareGenre(g);
        var columns = new[] { "movie id", "movie title", "release date", "video release date", "IMDb URL" }.Concat(genres).ToArray();
        using var lines = ctx.OpenLines("u.item");
        Span<Range> f = new Range[columns.Length];
        long blank = 0;
        var movieGenres = new List<string>();
        while (lines.TryReadLine(out var line))
        {
            if (LineReader.IsBlank(line)) { blank++; continue; }
            long n = lines.LineNumber;
            DatReleaseReader.RequireFields(SingleSeparator.Split(line, f, (byte)'|'), columns, path, n, line, TextDecoding.Latin1);
            int id = FieldParser.ParseId(line[f[0]], path, n, "movie id");
            string title = TextDecoding.Latin1.GetString(line[f[1]]);
            movieGenres.Clear();
            for (int g = 0; g < genres.Length; g++)
            {
                var flag = line[f[5 + g]];
                if (flag.SequenceEqual("1"u8)) movieGenres.Add(genres[g]);
                else if (!flag.SequenceEqual("0"u8))
                    throw new DatasetFormatException(path, n, genres[g], TextDecoding.Latin1.GetString(flag), "a genre flag must be 0 or 1");
            }
            ctx.Catalog.Add(id, title, movieGenres, path, n, "movie id", TextDecoding.Latin1.GetString(line[f[0]]));
        }
        ctx.BlankLines("u.item", blank);
        ctx.CompleteMovies("u.item");
    }

    private static void ReadRatings(LoadContext ctx) =>
        HeaderlessRatings.Read(ctx, "u.data", static (line, fields) => SingleSeparator.Split(line, fields, (byte)'\t'), RatingColumns);

    private static void ReadUsers(LoadContext ctx)
    {
        string path = ctx.PathOf("u.user");
        using var lines = ctx.OpenLines("u.user");
        if (ctx.Options.UserFeatures) ctx.Profiles = new UserProfileBuilder();
        Span<Range> f = stackalloc Range[5];
        long blank = 0, n = 0;
        while (lines.TryReadLine(out var line))
        {
            if (LineReader.IsBlank(line)) { blank++; continue; }
            DatReleaseReader.RequireFields(SingleSeparator.Split(line, f, (byte)'|'), UserColumns, path, lines.LineNumber, line, TextDecoding.Latin1);
            int user = FieldParser.ParseId(line[f[0]], path, lines.LineNumber, "user id");
            if (ctx.Profiles is { } profiles) AddProfile(profiles, user, line, f, path, lines.LineNumber);
            n++;
        }
        ctx.BlankLines("u.user", blank);
        ctx.Report.UserProfilesRead = n;
    }

    /// <summary>One ml-100k profile: age in years (mapped to ml-1m's bands), gender (F/M), occupation (a word, lower-cased), zip code (first character kept).</summary>
    private static void AddProfile(UserProfileBuilder profiles, int user, ReadOnlySpan<byte> line, ReadOnlySpan<Range> f, string path, long n)
    {
        int years = FieldParser.ParseId(line[f[1]], path, n, "age");
        string age = MovieLensProfiles.BandOfAge(years)
            ?? throw new DatasetFormatException(path, n, "age", TextDecoding.Latin1.GetString(line[f[1]]), "age must be between 1 and 120 years");
        string genderText = TextDecoding.Latin1.GetString(line[f[2]]);
        string gender = MovieLensProfiles.GenderOf(genderText) ?? throw new DatasetFormatException(path, n, "gender", genderText, "gender must be F or M");
        string occupation = TextDecoding.Latin1.GetString(line[f[3]]).Trim().ToLowerInvariant();
        if (occupation.Length == 0) throw new DatasetFormatException(path, n, "occupation", "", "the occupation is empty");
        string zipText = TextDecoding.Latin1.GetString(line[f[4]]);
        string zip = MovieLensProfiles.ZipPrefixOf(zipText) ?? throw new DatasetFormatException(path, n, "zip code", zipText, "the zip code is empty");
        profiles.Add(user, age, gender, occupation, zip, path, n, "user id");
    }

    private static void ReadSplits(LoadContext ctx)
    {
        var present = SplitNames.Where(s => ctx.Source.Has(s + ".base") || ctx.Source.Has(s + ".test")).ToList();
        if (present.Count == 0) return;
        if (ctx.Options.MaxRatings is not null)
        {
            ctx.Report.Warnings.Add($"predefined splits ({string.Join(", ", present)}) not loaded: MaxRatings limits u.data, so their users and movies may not all be in the dataset.");
            return;
        }
        foreach (var name in present)
        {
            if (!ctx.Source.Has(name + ".base") || !ctx.Source.Has(name + ".test"))
            {
                string missing = ctx.Source.Has(name + ".base") ? name + ".test" : name + ".base";
                ctx.Report.Warnings.Add($"predefined split {name} not loaded: {missing} is missing.");
                continue;
            }
            var train = ReadSplitFile(ctx, name + ".base");
            var test = ReadSplitFile(ctx, name + ".test");
            ctx.Splits.Add(name, new RatingSplit(name, train, test));
        }
    }

    /// <summary>Reads one split file, mapping raw ids through the dataset's maps; unknown ids are errors.</summary>
    private static RatingTable ReadSplitFile(LoadContext ctx, string file)
    {
        var users = ctx.Users!;
        var movies = ctx.Movies;
        var scale = ctx.Scale;
        string path = ctx.PathOf(file);
        using var lines = ctx.OpenLines(file);
        var u = new ChunkedColumn<int>();
        var m = new ChunkedColumn<int>();
        var s = new ChunkedColumn<float>();
        Span<Range> f = stackalloc Range[4];
        long blank = 0;
        while (lines.TryReadLine(out var line))
        {
            if (LineReader.IsBlank(line)) { blank++; continue; }
            long n = lines.LineNumber;
            if (u.Count >= ctx.Options.RecordCapacity) throw CapacityError.For("ratings", ctx.Options.RecordCapacity, path, n);
            DatReleaseReader.RequireFields(SingleSeparator.Split(line, f, (byte)'\t'), RatingColumns, path, n, line, TextDecoding.Latin1);
            int rawUser = FieldParser.ParseId(line[f[0]], path, n, "user id");
            if (!users.TryGetIndex(rawUser, out int user))
                throw new DatasetFormatException(path, n, "user id", TextDecoding.Latin1.GetString(line[f[0]]),
                    $"user {rawUser} has no rating in u.data");
            int rawMovie = FieldParser.ParseId(line[f[1]], path, n, "item id");
            if (!movies.TryGetIndex(rawMovie, out int movie))
                throw new DatasetFormatException(path, n, "item id", TextDecoding.Latin1.GetString(line[f[1]]),
                    $"movie {rawMovie} is not in the movie list ({movies.MovieFile})");
            float stars = FieldParser.ParseRating(line[f[2]], scale, path, n, "rating");
            u.Add(user);
            m.Add(movie);
            s.Add(stars);
        }
        ctx.BlankLines(file, blank);
        if (u.Count == 0)
            throw new DatasetFormatException(path, 0, "", null, "no ratings: a predefined split file holds no rating lines (it is empty or blank)");
        return RatingTable.Own(u.ToArray(), m.ToArray(), s.ToArray());
    }
}
