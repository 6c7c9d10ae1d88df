namespace HybridRec.Data.Synthetic;

/// <summary>Writes <c>movies.csv</c> (<c>movieId,title,genres</c>) and <c>links.csv</c> (<c>movieId,imdbId,tmdbId</c>).</summary>
internal static class MovieFiles
{
    /// <summary>Header of <c>movies.csv</c>.</summary>
    public const string MoviesHeader = "movieId,title,genres";

    /// <summary>Header of <c>links.csv</c>.</summary>
    public const string LinksHeader = "movieId,imdbId,tmdbId";

    private static readonly byte[][] GenreUtf8 = [.. GenreTable.Labels.Select(System.Text.Encoding.UTF8.GetBytes)];

    /// <summary>
    /// One line per movie: <c>123,Synthetic Movie 123 (1997),Comedy|Drama</c>. Titles never contain commas or quotes;
    /// genres are sorted and <c>|</c>-joined, or <c>(no genres listed)</c> alone.
    /// </summary>
    public static void WriteMovies(Stream stream, MovieModel movies)
    {
        using var text = new CsvBuffer(1 << 20);
        text.Append(MoviesHeader);
        text.Append((byte)'\n');
        for (int m = 0; m < movies.Count; m++)
        {
            long id = m + 1L;
            text.Append(id);
            text.Append(",Synthetic Movie "u8);
            text.Append(id);
            text.Append(" ("u8);
            text.Append(movies.Years[m]);
            text.Append("),"u8);
            var genres = movies.GenresOf(m);
            for (int j = 0; j < genres.Length; j++)
            {
                if (j > 0) text.Append((byte)'|');
                text.Append(GenreUtf8[genres[j]]);
            }
            text.Append((byte)'\n');
            if (text.Length > (1 << 20) - 256) text.FlushTo(stream);
        }
        text.FlushTo(stream);
    }

    /// <summary>
    /// One line per movie with made-up but unique ids: a 7-digit zero-padded IMDb id and a TMDb id, both scrambled
    /// from the movie id by a bijective multiplication so they look unordered.
    /// </summary>
    public static void WriteLinks(Stream stream, int movieCount)
    {
        using var text = new CsvBuffer(1 << 20);
        text.Append(LinksHeader);
        text.Append((byte)'\n');
        Span<byte> digits = stackalloc byte[7];
        for (long id = 1; id <= movieCount; id++)
        {
            text.Append(id);
            text.Append((byte)',');
            if (id < 10_000_000)
            {
                long imdb = id * 4_435_761 % 10_000_000; // the multiplier is coprime to 10: a bijection of 0..10^7-1
                for (int d = 6; d >= 0; d--, imdb /= 10) digits[d] = (byte)('0' + imdb % 10);
                text.Append(digits);
            }
            else
            {
                text.Append(id); // 8+ digits: cannot collide with the 7-digit ones
            }
            text.Append((byte)',');
            text.Append(id < 1_000_000 ? id * 123_457 % 1_000_000 : id);
            text.Append((byte)'\n');
            if (text.Length > (1 << 20) - 256) text.FlushTo(stream);
        }
        text.FlushTo(stream);
    }
}
