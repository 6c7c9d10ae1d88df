using HybridRec.Data.Preprocessing;

namespace HybridRec.Data.Readers;

/// <summary>
/// Reads the CSV releases (ml-latest-small, ml-latest, ml-20m, ml-25m, ml-32m): <c>movies.csv</c>, then
/// <c>ratings.csv</c> streamed into primitive columns, then the optional <c>tags.csv</c> and <c>links.csv</c>.
/// </summary>
internal static class CsvReleaseReader
{
    public static void Read(LoadContext ctx)
    {
        ReadMovies(ctx);
        ReadRatings(ctx);
        if (ctx.Source.Has("tags.csv")) ReadTags(ctx);
        if (ctx.Source.Has("links.csv")) ReadLinks(ctx);
    }

    private static void ReadMovies(LoadContext ctx)
    {
        using var csv = CsvFile.Open(ctx, "movies.csv", ["movieId", "title", "genres"], [], checkQuotes: true);
        while (csv.Read())
        {
            csv.RequireFieldCount();
            long line = csv.Line;
            int id = FieldParser.ParseId(csv[0], csv.Path, line, "movieId");
            string title = csv.Text(1);
            var genres = MovieCatalog.SplitGenres(csv.Text(2));
            ctx.Catalog.Add(id, title, genres, csv.Path, line, "movieId", IO.TextDecoding.ForMessage(csv[0]));
        }
        csv.Finish();
        ctx.CompleteMovies("movies.csv");
    }

    private static void ReadRatings(LoadContext ctx)
    {
        var movies = ctx.Movies;
        var ratings = ctx.Ratings;
        var scale = ctx.Scale;
        using var csv = CsvFile.Open(ctx, "ratings.csv", ["userId", "movieId", "rating"], ["timestamp"], checkQuotes: false);
        string path = csv.Path;
        long skipped = 0;
        while (csv.Read())
        {
            if (ratings.IsFull)
            {
                skipped = 1 + csv.CountRemaining();
                break;
            }
            csv.RequireFieldCount();
            long line = csv.Line;
            if (ratings.AtCapacity) throw CapacityError.For("ratings", ctx.Options.RecordCapacity, path, line);
            int user = FieldParser.ParseId(csv[0], path, line, "userId");
            var movieText = csv[1];
            int movie = FieldParser.MovieIndexOf(movies, FieldParser.ParseId(movieText, path, line, "movieId"), movieText, path, line, "movieId");
            float stars = FieldParser.ParseRating(csv[2], scale, path, line, "rating");
            ratings.Add(user, movie, stars, line);
        }
        csv.Finish();
        ctx.SkippedByLimit("ratings.csv", skipped);
        ctx.CompleteRatings("ratings.csv");
    }

    private static void ReadTags(LoadContext ctx)
    {
        var tags = ctx.Tags = new TagVocabularyBuilder(ctx.Movies, ctx.Options.RecordCapacity);
        using var csv = CsvFile.Open(ctx, "tags.csv", ["userId", "movieId", "tag"], ["timestamp"], checkQuotes: true);
        while (csv.Read())
        {
            csv.RequireFieldCount();
            long line = csv.Line;
            FieldParser.ParseId(csv[0], csv.Path, line, "userId");
            int movie = FieldParser.ParseId(csv[1], csv.Path, line, "movieId");
            tags.Add(movie, csv.Text(2), csv.Path, line);
        }
        csv.Finish();
    }

    private static void ReadLinks(LoadContext ctx)
    {
        using var csv = CsvFile.Open(ctx, "links.csv", ["movieId", "imdbId", "tmdbId"], [], checkQuotes: true);
        long n = 0;
        while (csv.Read())
        {
            csv.RequireFieldCount();
            FieldParser.ParseId(csv[0], csv.Path, csv.Line, "movieId");
            n++;
        }
        csv.Finish();
        ctx.Report.LinksRead = n;
    }
}
