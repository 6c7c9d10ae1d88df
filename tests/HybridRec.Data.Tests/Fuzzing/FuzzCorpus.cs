using System.Text;

namespace HybridRec.Data.Tests.Fuzzing;

/// <summary>
/// Small valid releases of every layout, made from a seed, for the fuzzer to mutate: a few movies (quoted titles,
/// commas, colons, non-ASCII letters, empty and repeated genres), a few users and ratings (duplicates, blank lines),
/// tags, links, user profiles, ml-100k's genre list and splits, and an unrelated file; CRLF line ends and byte order
/// marks on some files.
/// </summary>
internal static class FuzzCorpus
{
    /// <summary>Seed releases per layout.</summary>
    public const int SeedsPerLayout = 8;

    private static readonly string[] Titles =
    [
        "Toy Story (1995)", "Shawshank Redemption, The (1994)", "Movie \"Quoted\", With Comma (2000)", "Amélie (2001)",
        "Star Wars: Episode IV - A New Hope (1977)", "What Is It?: (1999)", "Misérables, Les (1995)", "Untitled", "Señor Jaime (1996)",
        "Brother Where Art Thou: (2000)", "12\" Single (1990)",
    ];

    private static readonly string[] Genres = ["Adventure", "Animation", "Children", "Comedy", "Drama", "Romance", "Sci-Fi", "IMAX", "Film-Noir"];

    private static readonly string[] Tags = ["funny", " Funny ", "prison, escape", "café", "sci-fi", "Pixar", "odd: tag:", "", "quote\"d"];

    /// <summary>The <paramref name="index"/>-th seed release of <paramref name="layout"/> (<c>csv</c>, <c>dat-1m</c>, <c>dat-10m</c>, <c>ml-100k</c>).</summary>
    public static List<(string Name, byte[] Bytes)> Seed(string layout, int index)
    {
        var rng = SeededRandom.For(index, "fuzz-corpus-" + layout);
        var files = layout switch
        {
            "csv" => Csv(rng),
            "dat-1m" => Dat(rng, ml1m: true),
            "dat-10m" => Dat(rng, ml1m: false),
            "ml-100k" => Ml100k(rng),
            _ => throw new ArgumentException($"unknown layout {layout}", nameof(layout)),
        };
        if (rng.NextDouble() < 0.3) files.Add(("README.txt", Encoding.UTF8.GetBytes("Fuzz corpus release.\nNot loaded, only counted.\n")));
        return files;
    }

    private static (int[] Ids, string[] Titles, string[] Genres) Movies(SeededRandom rng)
    {
        int count = rng.NextInt(3, 9);
        int maxId = rng.NextDouble() < 0.2 ? 200_000 : 60;
        var ids = new SortedSet<int>();
        while (ids.Count < count) ids.Add(rng.NextInt(1, maxId));
        var titles = ids.Select(_ => Titles[rng.NextInt(Titles.Length)]).ToArray();
        var genres = ids.Select(_ =>
        {
            double r = rng.NextDouble();
            if (r < 0.1) return "(no genres listed)";
            if (r < 0.15) return "";
            if (r < 0.2) return "Drama||War|Drama";
            return string.Join("|", Enumerable.Range(0, rng.NextInt(1, 4)).Select(_ => Genres[rng.NextInt(Genres.Length)]).Distinct());
        }).ToArray();
        return (ids.ToArray(), titles, genres);
    }

    /// <summary>(user, movie index, stars) ratings, grouped by user as MovieLens files are, with an occasional duplicate.</summary>
    private static List<(int User, int Movie, float Stars)> Ratings(SeededRandom rng, int movies, bool wholeStars)
    {
        var result = new List<(int, int, float)>();
        int users = rng.NextInt(1, 6);
        int user = 0;
        for (int u = 0; u < users; u++)
        {
            user += rng.NextInt(1, 8);
            int n = rng.NextInt(1, 6);
            for (int k = 0; k < n; k++)
            {
                float stars = wholeStars ? rng.NextInt(1, 6) : rng.NextInt(1, 11) * 0.5f;
                result.Add((user, rng.NextInt(movies), stars));
            }
        }
        return result;
    }

    private static string Stars(float s, bool wholeStars) =>
        wholeStars ? ((int)s).ToString(System.Globalization.CultureInfo.InvariantCulture) : s.ToString("0.0", System.Globalization.CultureInfo.InvariantCulture);

    private static string Quote(string field) =>
        field.IndexOfAny([',', '"', '\n']) >= 0 ? "\"" + field.Replace("\"", "\"\"") + "\"" : field;

    private static byte[] Encode(SeededRandom rng, StringBuilder text, Encoding? encoding = null, bool allowBom = true)
    {
        string s = text.ToString();
        if (rng.NextDouble() < 0.2) s = s.Replace("\n", "\r\n");
        if (rng.NextDouble() < 0.1) s += "\n";
        var bytes = (encoding ?? Encoding.UTF8).GetBytes(s);
        return allowBom && rng.NextDouble() < 0.15 ? [0xEF, 0xBB, 0xBF, .. bytes] : bytes;
    }

    private static List<(string, byte[])> Csv(SeededRandom rng)
    {
        var (ids, titles, genres) = Movies(rng);
        var files = new List<(string, byte[])>();
        var movies = new StringBuilder("movieId,title,genres\n");
        for (int i = 0; i < ids.Length; i++) movies.Append($"{ids[i]},{Quote(titles[i])},{genres[i]}\n");
        files.Add(("movies.csv", Encode(rng, movies)));

        bool timestamps = rng.NextDouble() < 0.8;
        var ratings = new StringBuilder(timestamps ? "userId,movieId,rating,timestamp\n" : "userId,movieId,rating\n");
        foreach (var (u, m, s) in Ratings(rng, ids.Length, wholeStars: false))
        {
            ratings.Append($"{u},{ids[m]},{Stars(s, false)}{(timestamps ? ",964982703" : "")}\n");
            if (rng.NextDouble() < 0.05) ratings.Append('\n');
        }
        files.Add(("ratings.csv", Encode(rng, ratings)));

        if (rng.NextDouble() < 0.7)
        {
            var tags = new StringBuilder("userId,movieId,tag,timestamp\n");
            int n = rng.NextInt(1, 10);
            for (int k = 0; k < n; k++)
            {
                int movie = rng.NextDouble() < 0.1 ? 999_999 : ids[rng.NextInt(ids.Length)];
                tags.Append($"{rng.NextInt(1, 9)},{movie},{Quote(Tags[rng.NextInt(Tags.Length)])},{1_100_000_000 + k}\n");
            }
            files.Add(("tags.csv", Encode(rng, tags)));
        }
        if (rng.NextDouble() < 0.5)
        {
            var links = new StringBuilder("movieId,imdbId,tmdbId\n");
            foreach (int id in ids) links.Append($"{id},{id:0000000},{(rng.NextDouble() < 0.2 ? "" : (id * 7).ToString(System.Globalization.CultureInfo.InvariantCulture))}\n");
            files.Add(("links.csv", Encode(rng, links)));
        }
        return files;
    }

    private static List<(string, byte[])> Dat(SeededRandom rng, bool ml1m)
    {
        var (ids, titles, genres) = Movies(rng);
        var encoding = ml1m ? Encoding.Latin1 : Encoding.UTF8;
        var files = new List<(string, byte[])>();
        var movies = new StringBuilder();
        for (int i = 0; i < ids.Length; i++) movies.Append($"{ids[i]}::{titles[i]}::{genres[i]}\n");
        files.Add(("movies.dat", Encode(rng, movies, encoding, allowBom: !ml1m)));

        var ratings = new StringBuilder();
        var rated = Ratings(rng, ids.Length, wholeStars: ml1m);
        foreach (var (u, m, s) in rated) ratings.Append($"{u}::{ids[m]}::{Stars(s, ml1m)}::978300760\n");
        files.Add(("ratings.dat", Encode(rng, ratings)));

        if (ml1m)
        {
            var users = new StringBuilder();
            foreach (int u in rated.Select(r => r.User).Distinct()) users.Append($"{u}::{(u % 2 == 0 ? "M" : "F")}::{Ml1mAgeCodes[u % Ml1mAgeCodes.Length]}::{u % 21}::{10000 + u}\n");
            files.Add(("users.dat", Encode(rng, users)));
        }
        else if (rng.NextDouble() < 0.8)
        {
            var tags = new StringBuilder();
            int n = rng.NextInt(1, 8);
            for (int k = 0; k < n; k++) tags.Append($"{rng.NextInt(1, 9)}::{ids[rng.NextInt(ids.Length)]}::{Tags[rng.NextInt(Tags.Length)]}::{1_137_206_825 + k}\n");
            files.Add(("tags.dat", Encode(rng, tags)));
        }
        return files;
    }

    // ml-1m age band codes (users.dat Age column).
    private static readonly int[] Ml1mAgeCodes = [1, 18, 25, 35, 45, 50, 56];

    private static readonly string[] Ml100kGenres =
    [
        "unknown", "Action", "Adventure", "Animation", "Children's", "Comedy", "Crime", "Documentary", "Drama", "Fantasy",
        "Film-Noir", "Horror", "Musical", "Mystery", "Romance", "Sci-Fi", "Thriller", "War", "Western",
    ];

    private static List<(string, byte[])> Ml100k(SeededRandom rng)
    {
        var (ids, titles, _) = Movies(rng);
        var files = new List<(string, byte[])>();
        if (rng.NextDouble() < 0.8)
            files.Add(("u.genre", Encode(rng, new StringBuilder(string.Concat(Ml100kGenres.Select((g, i) => $"{g}|{i}\n")) + "\n"))));

        var items = new StringBuilder();
        for (int i = 0; i < ids.Length; i++)
        {
            string flags = string.Join("|", Ml100kGenres.Select(_ => rng.NextDouble() < 0.15 ? "1" : "0"));
            items.Append($"{ids[i]}|{titles[i].Replace('|', '/')}|01-Jan-1995||http://us.imdb.com/M/title-exact?{ids[i]}|{flags}\n");
        }
        files.Add(("u.item", Encode(rng, items, Encoding.Latin1, allowBom: false)));

        var rated = Ratings(rng, ids.Length, wholeStars: true);
        var lines = rated.Select(r => $"{r.User}\t{ids[r.Movie]}\t{(int)r.Stars}\t881250949\n").ToList();
        files.Add(("u.data", Encode(rng, new StringBuilder(string.Concat(lines)))));
        if (rng.NextDouble() < 0.7)
        {
            var users = new StringBuilder();
            foreach (int u in rated.Select(r => r.User).Distinct()) users.Append($"{u}|{20 + u % 50}|{(u % 2 == 0 ? "M" : "F")}|writer|{55105 + u:00000}\n");
            files.Add(("u.user", Encode(rng, users)));
        }
        foreach (var split in new[] { "u1", "ua", "u5" })
        {
            if (rng.NextDouble() < 0.5 || lines.Count < 2) continue;
            int cut = rng.NextInt(1, lines.Count);
            files.Add((split + ".base", Encode(rng, new StringBuilder(string.Concat(lines.Take(cut))))));
            files.Add((split + ".test", Encode(rng, new StringBuilder(string.Concat(lines.Skip(cut))))));
        }
        return files;
    }
}
