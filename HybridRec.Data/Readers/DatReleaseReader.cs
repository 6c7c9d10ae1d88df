using System.Text;
using HybridRec.Data.IO;
using HybridRec.Data.Preprocessing;

namespace HybridRec.Data.Readers;

/// <summary>
/// Reads the <c>::</c>-separated releases without a header: ml-1m (<c>ratings.dat</c>, <c>movies.dat</c>,
/// <c>users.dat</c>; whole stars) and ml-10m (<c>ratings.dat</c>, <c>movies.dat</c>, <c>tags.dat</c>; half stars).
/// Text files are decoded as UTF-8 when they are valid UTF-8 and as Latin-1 otherwise (ml-1m is Latin-1).
/// </summary>
internal static class DatReleaseReader
{
    private static readonly string[] MovieColumns = ["MovieID", "Title", "Genres"];
    private static readonly string[] RatingColumns = ["UserID", "MovieID", "Rating", "Timestamp"];
    private static readonly string[] TagColumns = ["UserID", "MovieID", "Tag", "Timestamp"];
    private static readonly string[] UserColumns = ["UserID", "Gender", "Age", "Occupation", "Zip-code"];

    public static void Read(LoadContext ctx)
    {
        ReadMovies(ctx);
        ReadRatings(ctx);
        if (ctx.Source.Has("tags.dat")) ReadTags(ctx);
        if (ctx.Source.Has("users.dat")) ReadUsers(ctx);
    }

    /// <summary>
    /// Opens a text file for reading line by line in its encoding: UTF-8 when every line is valid UTF-8, Latin-1
    /// otherwise. The encoding is decided by a first pass over the file (held to the same limits), so memory never
    /// depends on the file's size.
    /// </summary>
    internal static LineReader OpenText(LoadContext ctx, string file, out Encoding encoding)
    {
        encoding = TextDecoding.Utf8;
        using (var scan = ctx.OpenLines(file))
        {
            while (scan.TryReadLine(out var line))
            {
                if (!System.Text.Unicode.Utf8.IsValid(line))
                {
                    encoding = TextDecoding.Latin1;
                    break;
                }
            }
        }
        if (ctx.Layout.Kind == ReleaseKind.Ml10m && encoding != TextDecoding.Utf8)
            ctx.Report.Warnings.Add($"{ctx.PathOf(file)}: not valid UTF-8; read as Latin-1.");
        return ctx.OpenLines(file);
    }

    private static void ReadMovies(LoadContext ctx)
    {
        using var lines = OpenText(ctx, "movies.dat", out var encoding);
        string path = ctx.PathOf("movies.dat");
        Span<Range> f = stackalloc Range[3];
        long blank = 0;
        while (lines.TryReadLine(out var line))
        {
            if (LineReader.IsBlank(line)) { blank++; continue; }
            RequireFields(DoubleColon.SplitAround(line, f, 1), MovieColumns, path, lines.LineNumber, line, encoding);
            int id = FieldParser.ParseId(line[f[0]], path, lines.LineNumber, "MovieID");
            string title = encoding.GetString(line[f[1]]);
            var genres = MovieCatalog.SplitGenres(encoding.GetString(line[f[2]]));
            ctx.Catalog.Add(id, title, genres, path, lines.LineNumber, "MovieID", encoding.GetString(line[f[0]]));
        }
        ctx.BlankLines("movies.dat", blank);
        ctx.CompleteMovies("movies.dat");
    }

    private static void ReadRatings(LoadContext ctx) =>
        HeaderlessRatings.Read(ctx, "ratings.dat", DoubleColon.Split, RatingColumns);

    private static void ReadTags(LoadContext ctx)
    {
        using var lines = OpenText(ctx, "tags.dat", out var encoding);
        string path = ctx.PathOf("tags.dat");
        var tags = ctx.Tags = new TagVocabularyBuilder(ctx.Movies, ctx.Options.RecordCapacity);
        Span<Range> f = stackalloc Range[4];
        long blank = 0;
        while (lines.TryReadLine(out var line))
        {
            if (LineReader.IsBlank(line)) { blank++; continue; }
            long n = lines.LineNumber;
            RequireFields(DoubleColon.SplitAround(line, f, 2), TagColumns, path, n, line, encoding);
            FieldParser.ParseId(line[f[0]], path, n, "UserID");
            int movie = FieldParser.ParseId(line[f[1]], path, n, "MovieID");
            tags.Add(movie, encoding.GetString(line[f[2]]), path, n);
        }
        ctx.BlankLines("tags.dat", blank);
    }

    private static void ReadUsers(LoadContext ctx)
    {
        if (ctx.Options.UserFeatures) ctx.Profiles = new UserProfileBuilder();
        using var lines = OpenText(ctx, "users.dat", out var encoding);
        string path = ctx.PathOf("users.dat");
        Span<Range> f = stackalloc Range[5];
        long blank = 0, n = 0;
        while (lines.TryReadLine(out var line))
        {
            if (LineReader.IsBlank(line)) { blank++; continue; }
            RequireFields(DoubleColon.Split(line, f), UserColumns, path, lines.LineNumber, line, encoding);
            int user = FieldParser.ParseId(line[f[0]], path, lines.LineNumber, "UserID");
            if (ctx.Profiles is { } profiles) AddProfile(profiles, user, line, f, encoding, path, lines.LineNumber);
            n++;
        }
        ctx.BlankLines("users.dat", blank);
        ctx.Report.UserProfilesRead = n;
    }

    /// <summary>One ml-1m profile: Gender (F/M), Age (a band code), Occupation (a code 0–20), Zip-code (first character kept).</summary>
    private static void AddProfile(UserProfileBuilder profiles, int user, ReadOnlySpan<byte> line, ReadOnlySpan<Range> f, Encoding encoding, string path, long n)
    {
        string genderText = encoding.GetString(line[f[1]]);
        string gender = MovieLensProfiles.GenderOf(genderText) ?? throw new DatasetFormatException(path, n, "Gender", genderText, "gender must be F or M");
        int ageCode = FieldParser.ParseId(line[f[2]], path, n, "Age");
        string age = MovieLensProfiles.BandOfCode(ageCode)
            ?? throw new DatasetFormatException(path, n, "Age", encoding.GetString(line[f[2]]), $"age must be one of the band codes {MovieLensProfiles.AgeCodes}");
        int occupationCode = FieldParser.ParseId(line[f[3]], path, n, "Occupation");
        string occupation = MovieLensProfiles.OccupationOfCode(occupationCode)
            ?? throw new DatasetFormatException(path, n, "Occupation", encoding.GetString(line[f[3]]), "occupation must be a code from 0 to 20");
        string zipText = encoding.GetString(line[f[4]]);
        string zip = MovieLensProfiles.ZipPrefixOf(zipText) ?? throw new DatasetFormatException(path, n, "Zip-code", zipText, "the zip code is empty");
        profiles.Add(user, age, gender, occupation, zip, path, n, "UserID");
    }

    /// <summary>Throws the wrong-column-count error of a separated line.</summary>
    internal static void RequireFields(int count, string[] columns, string path, long line, ReadOnlySpan<byte> text, Encoding encoding)
    {
        if (count == columns.Length) return;
        string field = count < columns.Length ? columns[count] : $"field {columns.Length + 1}";
        throw new DatasetFormatException(path, line, field, encoding.GetString(text),
            $"expected {columns.Length} fields ({string.Join(", ", columns)}) but found {count}");
    }
}
