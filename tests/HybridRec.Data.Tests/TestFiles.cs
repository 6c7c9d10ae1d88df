using System.IO.Compression;
using System.Text;

namespace HybridRec.Data.Tests;

/// <summary>A temporary directory holding a fixture release, deleted on dispose.</summary>
internal sealed class TempDir : IDisposable
{
    public TempDir()
    {
        Root = Directory.CreateTempSubdirectory("hybridrec-data-tests-").FullName;
        Path = System.IO.Path.Combine(Root, "release");
        Directory.CreateDirectory(Path);
    }

    /// <summary>Holds <see cref="Path"/> and any zips made from it.</summary>
    public string Root { get; }

    /// <summary>The release directory.</summary>
    public string Path { get; }

    /// <summary>Full path of a release file.</summary>
    public string File(string name) => System.IO.Path.Combine(Path, name);

    /// <summary>Writes text as UTF-8 without BOM; <c>\n</c> in <paramref name="text"/> becomes <paramref name="newline"/>.</summary>
    public TempDir Text(string name, string text, string newline = "\n", Encoding? encoding = null)
    {
        var bytes = (encoding ?? new UTF8Encoding(false)).GetBytes(text.Replace("\n", newline));
        System.IO.File.WriteAllBytes(File(name), bytes);
        return this;
    }

    /// <summary>Writes raw bytes.</summary>
    public TempDir Bytes(string name, byte[] bytes)
    {
        System.IO.File.WriteAllBytes(File(name), bytes);
        return this;
    }

    /// <summary>Zips the release files into <c>Root/zipName</c>, under <paramref name="topFolder"/> or at the root.</summary>
    public string Zip(string zipName, string? topFolder)
    {
        string zipPath = System.IO.Path.Combine(Root, zipName);
        using var zip = ZipFile.Open(zipPath, ZipArchiveMode.Create);
        if (topFolder is not null) zip.CreateEntry(topFolder + "/");
        foreach (var file in Directory.EnumerateFiles(Path).Order(StringComparer.Ordinal))
        {
            string entry = (topFolder is null ? "" : topFolder + "/") + System.IO.Path.GetFileName(file);
            zip.CreateEntryFromFile(file, entry);
        }
        return zipPath;
    }

    public void Dispose()
    {
        try
        {
            Directory.Delete(Root, recursive: true);
        }
        catch (IOException)
        {
        }
    }
}

/// <summary>Small fixture releases of every layout.</summary>
internal static class Fixtures
{
    public const string CsvMovies =
        "movieId,title,genres\n" +
        "1,Toy Story (1995),Adventure|Animation|Children|Comedy|Fantasy\n" +
        "2,\"Shawshank Redemption, The (1994)\",Crime|Drama\n" +
        "3,\"Movie \"\"Quoted\"\", With Comma (2000)\",Comedy\n" +
        "5,Untitled (2019),(no genres listed)\n" +
        "10,Unrated Movie (2001),Action|IMAX\n";

    public const string CsvRatings =
        "userId,movieId,rating,timestamp\n" +
        "7,5,2.0,964982931\n" +
        "1,1,4.0,964982703\n" +
        "1,2,5.0,964981247\n" +
        "2,1,0.5,964982224\n" +
        "2,3,3.5,964983815\n";

    public const string CsvTags =
        "userId,movieId,tag,timestamp\n" +
        "1,1,funny,1\n" +
        "2,1, Funny ,2\n" +
        "1,2,\"prison, escape\",3\n" +
        "2,2,Prison,4\n" +
        "7,99,orphan,5\n" +
        "1,3,  ,6\n" +
        "2,3,FUNNY,7\n";

    public const string CsvLinks =
        "movieId,imdbId,tmdbId\n" +
        "1,0114709,862\n" +
        "2,0111161,278\n" +
        "3,0000001,\n" +
        "5,0000002,1\n" +
        "10,0000003,2\n";

    /// <summary>A CSV release directory with movies, ratings, tags and links.</summary>
    public static TempDir CsvRelease(string newline = "\n") =>
        new TempDir()
            .Text("movies.csv", CsvMovies, newline)
            .Text("ratings.csv", CsvRatings, newline)
            .Text("tags.csv", CsvTags, newline)
            .Text("links.csv", CsvLinks, newline);

    /// <summary>A CSV release with only the required files.</summary>
    public static TempDir MinimalCsv(string ratings, string? movies = null) =>
        new TempDir().Text("movies.csv", movies ?? CsvMovies).Text("ratings.csv", ratings);

    /// <summary>ml-1m style: Latin-1 movies.dat (é as byte 0xE9), users.dat, whole-star ratings.</summary>
    public static TempDir Ml1m()
    {
        var dir = new TempDir();
        dir.Text("movies.dat",
            "1::Toy Story (1995)::Animation|Children's|Comedy\n" +
            "2::Misérables, Les (1995)::Drama|Musical\n" +
            "3::Star Wars: Episode IV - A New Hope (1977)::Action|Sci-Fi\n" +
            "4::What Is It?: (1999)::Drama\n",
            encoding: Encoding.Latin1);
        dir.Text("ratings.dat",
            "1::1::5::978300760\n" +
            "1::3::3::978302109\n" +
            "2::2::4::978301968\n" +
            "3::1::1::978300275\n");
        dir.Text("users.dat",
            "1::F::1::10::48067\n" +
            "2::M::56::16::70072\n" +
            "3::M::25::15::55117\n");
        return dir;
    }

    /// <summary>ml-10m style: UTF-8 movies.dat and tags.dat, half-star ratings, CRLF line ends.</summary>
    public static TempDir Ml10m()
    {
        var dir = new TempDir();
        dir.Text("movies.dat",
            "1::Toy Story (1995)::Adventure|Animation|Children|Comedy|Fantasy\n" +
            "2::Amélie (Fabuleux destin d'Amélie Poulain, Le) (2001)::Comedy|Romance\n" +
            "3::Brother Where Art Thou: (2000)::(no genres listed)\n",
            newline: "\r\n");
        dir.Text("ratings.dat",
            "1::1::4.5::838985046\n" +
            "1::2::0.5::838983525\n" +
            "5::3::3::838983392\n",
            newline: "\r\n");
        dir.Text("tags.dat",
            "1::2::café::1139045764\n" +
            "5::2::Café ::1137206825\n" +
            "5::1::pixar::1137206826\n" +
            "5::3::odd: tag:::1137206827\n",
            newline: "\r\n");
        return dir;
    }

    /// <summary>The 19 genre names of ml-100k.</summary>
    public static readonly string[] Ml100kGenres =
    [
        "unknown", "Action", "Adventure", "Animation", "Children's", "Comedy", "Crime", "Documentary", "Drama", "Fantasy",
        "Film-Noir", "Horror", "Musical", "Mystery", "Romance", "Sci-Fi", "Thriller", "War", "Western",
    ];

    /// <summary>A u.item line with the given genres flagged.</summary>
    public static string Ml100kItem(int id, string title, params string[] genres) =>
        $"{id}|{title}|01-Jan-1995||http://us.imdb.com/M/title-exact?x|" +
        string.Join("|", Ml100kGenres.Select(g => genres.Contains(g) ? "1" : "0"));

    /// <summary>ml-100k: u.genre (with the real file's trailing blank line), Latin-1 u.item, u.data, u.user, split u1.</summary>
    public static TempDir Ml100k(bool withGenreFile = true)
    {
        var dir = new TempDir();
        if (withGenreFile)
            dir.Text("u.genre", string.Concat(Ml100kGenres.Select((g, i) => $"{g}|{i}\n")) + "\n");
        dir.Text("u.item",
            Ml100kItem(1, "Toy Story (1995)", "Animation", "Children's", "Comedy") + "\n" +
            Ml100kItem(2, "Señor Jaime (1996)", "Drama") + "\n" +
            Ml100kItem(3, "unknown", "unknown") + "\n",
            encoding: Encoding.Latin1);
        dir.Text("u.data",
            "196\t1\t3\t881250949\n" +
            "186\t2\t5\t891717742\n" +
            "22\t1\t1\t878887116\n" +
            "196\t2\t2\t880606923\n");
        dir.Text("u.user",
            "22|25|M|writer|40206\n" +
            "186|39|F|executive|00000\n" +
            "196|49|M|writer|55105\n");
        dir.Text("u1.base",
            "196\t1\t3\t881250949\n" +
            "186\t2\t5\t891717742\n" +
            "22\t1\t1\t878887116\n");
        dir.Text("u1.test",
            "196\t2\t2\t880606923\n");
        return dir;
    }
}
