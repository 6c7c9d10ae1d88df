using System.Globalization;

namespace HybridRec.Data.Preprocessing;

/// <summary>
/// The user attributes of ml-100k (<c>u.user</c>) and ml-1m (<c>users.dat</c>) as feature values: age bands shared by
/// both releases, gender, occupation names (ml-1m's codes mapped to the names of its README) and the first character
/// of the zip code.
/// </summary>
internal static class MovieLensProfiles
{
    /// <summary>Group names, in the order the groups are built.</summary>
    public const string Age = "age", Gender = "gender", Occupation = "occupation", Zip = "zip";

    /// <summary>ml-1m's age codes (the lower end of each band) and the band names.</summary>
    private static readonly (int Code, string Band)[] Bands =
        [(1, "under 18"), (18, "18-24"), (25, "25-34"), (35, "35-44"), (45, "45-49"), (50, "50-55"), (56, "56+")];

    /// <summary>ml-1m's occupation codes 0–20, named as in its README.</summary>
    private static readonly string[] Occupations =
    [
        "other", "academic/educator", "artist", "clerical/admin", "college/grad student", "customer service", "doctor/health care",
        "executive/managerial", "farmer", "homemaker", "K-12 student", "lawyer", "programmer", "retired", "sales/marketing", "scientist",
        "self-employed", "technician/engineer", "tradesman/craftsman", "unemployed", "writer",
    ];

    /// <summary>The band of an age in years (ml-100k), or null outside 1–120.</summary>
    public static string? BandOfAge(int years)
    {
        if (years is < 1 or > 120) return null;
        string band = Bands[0].Band;
        foreach (var (code, name) in Bands)
            if (years >= code) band = name;
        return band;
    }

    /// <summary>The band of an ml-1m age code (1, 18, 25, 35, 45, 50, 56), or null for any other number.</summary>
    public static string? BandOfCode(int code)
    {
        foreach (var (c, name) in Bands)
            if (c == code) return name;
        return null;
    }

    /// <summary>The name of an ml-1m occupation code, or null outside 0–20.</summary>
    public static string? OccupationOfCode(int code) => (uint)code < (uint)Occupations.Length ? Occupations[code] : null;

    /// <summary><c>F</c> or <c>M</c> for a gender field (either case, trimmed), or null.</summary>
    public static string? GenderOf(string text) => text.Trim().ToUpperInvariant() switch
    {
        "F" => "F",
        "M" => "M",
        _ => null,
    };

    /// <summary>The first character of a zip code, upper-cased, or null when the field is empty.</summary>
    public static string? ZipPrefixOf(string text)
    {
        var t = text.Trim();
        return t.Length == 0 ? null : char.ToUpperInvariant(t[0]).ToString(CultureInfo.InvariantCulture);
    }

    /// <summary>The valid ml-1m age codes, for messages.</summary>
    public static string AgeCodes => string.Join(", ", Bands.Select(b => b.Code));
}
