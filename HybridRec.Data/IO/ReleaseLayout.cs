namespace HybridRec.Data.IO;

/// <summary>The MovieLens releases the loader tells apart by their files.</summary>
internal enum ReleaseKind
{
    /// <summary>ml-latest-small, ml-latest, ml-20m, ml-25m, ml-32m.</summary>
    Csv,

    /// <summary>ml-1m: <c>::</c> files with <c>users.dat</c>, whole stars, Latin-1.</summary>
    Ml1m,

    /// <summary>ml-10m: <c>::</c> files with <c>tags.dat</c>, half stars, UTF-8.</summary>
    Ml10m,

    /// <summary>ml-100k: <c>u.data</c>, <c>u.item</c>.</summary>
    Ml100k,
}

/// <summary>The layout detected for a release: which reader, format and scale apply.</summary>
internal sealed record ReleaseLayout(ReleaseKind Kind, MovieLensFormat Format, RatingScale Scale, string Description)
{
    /// <summary>What each layout needs, for error messages.</summary>
    public const string ExpectedLayouts =
        "expected one of these layouts: " +
        "CSV (ml-latest-small, ml-latest, ml-20m, ml-25m, ml-32m): ratings.csv and movies.csv, optionally tags.csv, links.csv, genome-scores.csv, genome-tags.csv; " +
        "'::' ml-1m: ratings.dat, movies.dat and users.dat; " +
        "'::' ml-10m: ratings.dat and movies.dat, optionally tags.dat; " +
        "ml-100k: u.data and u.item, optionally u.genre, u.user and the splits u1.base/u1.test … u5.base/u5.test, ua.base/ua.test, ub.base/ub.test";

    /// <summary>Every file some layout reads: two of these whose names differ only by case make the release ambiguous.</summary>
    public static readonly IReadOnlySet<string> KnownFiles = new HashSet<string>(
        new[] { "ratings.csv", "movies.csv", "tags.csv", "links.csv", "ratings.dat", "movies.dat", "users.dat", "tags.dat", "u.data", "u.item", "u.genre", "u.user" }
            .Concat(Readers.Ml100kReader.SplitNames.SelectMany(s => new[] { s + ".base", s + ".test" })),
        StringComparer.OrdinalIgnoreCase);

    /// <summary>
    /// Detects the layout from the files present; throws naming a missing required file and listing the layouts,
    /// or naming two files the loader would read whose names differ only by case (other such pairs are warned about).
    /// </summary>
    public static ReleaseLayout Detect(ReleaseSource source, List<string> warnings)
    {
        CheckCaseCollisions(source, warnings);
        if (source.Has("ratings.csv") || source.Has("movies.csv"))
        {
            Require(source, "ratings.csv", "movies.csv");
            return new(ReleaseKind.Csv, MovieLensFormat.Csv, RatingScale.HalfStars, "CSV release (ml-latest / ml-20m / ml-25m / ml-32m layout)");
        }
        if (source.Has("ratings.dat") || source.Has("movies.dat"))
        {
            Require(source, "ratings.dat", "movies.dat");
            if (source.Has("users.dat"))
                return new(ReleaseKind.Ml1m, MovieLensFormat.DoubleColon, RatingScale.WholeStars, "'::' release with users.dat (ml-1m layout)");
            if (!source.Has("tags.dat"))
                warnings.Add($"{source.Location}: '::' release with neither users.dat (ml-1m) nor tags.dat (ml-10m); read as ml-10m with half-star ratings.");
            return new(ReleaseKind.Ml10m, MovieLensFormat.DoubleColon, RatingScale.HalfStars, "'::' release without users.dat (ml-10m layout)");
        }
        if (source.Has("u.data") || source.Has("u.item"))
        {
            Require(source, "u.data", "u.item");
            return new(ReleaseKind.Ml100k, MovieLensFormat.Ml100k, RatingScale.WholeStars, "ml-100k release");
        }
        string found = source.Files.Count == 0 ? "no files" : "files " + string.Join(", ", source.Files.Take(12)) + (source.Files.Count > 12 ? ", …" : "");
        throw new DatasetFormatException(source.Location, 0, "", null,
            $"no MovieLens release found (found {found}); {ExpectedLayouts}.");
    }

    private static void CheckCaseCollisions(ReleaseSource source, List<string> warnings)
    {
        foreach (var (first, second) in source.CaseCollisions)
        {
            string what = first == second ? $"'{first}' appears twice" : $"'{first}' and '{second}' differ only by case";
            if (KnownFiles.Contains(first))
                throw new DatasetFormatException(source.DisplayPath(first), 0, "", null,
                    $"{what} in {source.Location}: file names are matched ignoring case, so which one holds the data is ambiguous; remove or rename one");
            warnings.Add($"{source.Location}: {what}; only the first is listed (the loader does not read it).");
        }
    }

    private static void Require(ReleaseSource source, params string[] files)
    {
        foreach (var f in files)
        {
            if (!source.Has(f))
                throw new DatasetFormatException(source.DisplayPath(f), 0, "", null,
                    $"required file '{f}' is missing from {source.Location}; {ExpectedLayouts}.");
        }
    }
}
