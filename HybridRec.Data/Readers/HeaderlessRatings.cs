using HybridRec.Data.IO;
using HybridRec.Data.Preprocessing;

namespace HybridRec.Data.Readers;

/// <summary>Splits one line into field ranges and returns the number of fields the line has.</summary>
internal delegate int FieldSplitter(ReadOnlySpan<byte> line, Span<Range> fields);

/// <summary>
/// Reads a headerless rating file of <c>user, movie, rating, timestamp</c> lines (<c>ratings.dat</c> of the
/// <c>::</c> releases, <c>u.data</c> of ml-100k): the formats differ only in their separator and field names.
/// </summary>
internal static class HeaderlessRatings
{
    /// <summary>Reads <paramref name="file"/> into the context's ratings; <paramref name="columns"/> names the four fields for error messages.</summary>
    public static void Read(LoadContext ctx, string file, FieldSplitter split, string[] columns)
    {
        var movies = ctx.Movies;
        var ratings = ctx.Ratings;
        var scale = ctx.Scale;
        string path = ctx.PathOf(file);
        using var lines = ctx.OpenLines(file);
        Span<Range> f = stackalloc Range[4];
        long blank = 0, skipped = 0;
        while (lines.TryReadLine(out var line))
        {
            if (LineReader.IsBlank(line)) { blank++; continue; }
            if (ratings.IsFull) { skipped++; continue; }
            long n = lines.LineNumber;
            if (ratings.AtCapacity) throw CapacityError.For("ratings", ctx.Options.RecordCapacity, path, n);
            DatReleaseReader.RequireFields(split(line, f), columns, path, n, line, TextDecoding.Latin1);
            int user = FieldParser.ParseId(line[f[0]], path, n, columns[0]);
            var movieText = line[f[1]];
            int movie = FieldParser.MovieIndexOf(movies, FieldParser.ParseId(movieText, path, n, columns[1]), movieText, path, n, columns[1]);
            float stars = FieldParser.ParseRating(line[f[2]], scale, path, n, columns[2]);
            ratings.Add(user, movie, stars, n);
        }
        ctx.BlankLines(file, blank);
        ctx.SkippedByLimit(file, skipped);
        ctx.CompleteRatings(file);
    }
}
