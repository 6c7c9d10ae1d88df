using ScottPlot;
using SkiaSharp;

namespace HybridRec.Bench.Charts;

/// <summary>
/// Chooses the font charts are drawn with. SkiaSharp's self-contained Linux build does not use fontconfig: it
/// only sees the fonts under <c>/usr/share/fonts</c>. When that holds a common sans-serif family, it is used. When
/// it holds no font at all (a bare container or GPU image), a TrueType file is looked for — the file named by the
/// <c>HYBRIDREC_CHART_FONT</c> environment variable, then the other usual font directories, then the DejaVu fonts
/// that matplotlib ships — and registered with ScottPlot. With no font anywhere the chart still renders, without text.
/// </summary>
internal static class ChartFonts
{
    /// <summary>Environment variable naming a .ttf file to draw chart text with when the system has no fonts.</summary>
    public const string FontFileVariable = "HYBRIDREC_CHART_FONT";

    private const string RegisteredName = "HybridRec Chart Sans";
    private static readonly string[] PreferredFamilies = ["DejaVu Sans", "Liberation Sans", "Noto Sans", "Arial", "Helvetica", "FreeSans"];
    private static readonly Lazy<string?> Family = new(Resolve, LazyThreadSafetyMode.ExecutionAndPublication);

    /// <summary>The family to set on a plot, or null to keep ScottPlot's default.</summary>
    public static string? FamilyName => Family.Value;

    private static string? Resolve()
    {
        // With no font at all the manager still lists one family, with an empty name (its empty typeface).
        string[] installed = SKFontManager.Default.FontFamilies.Where(f => !string.IsNullOrWhiteSpace(f)).ToArray();
        string? preferred = PreferredFamilies.FirstOrDefault(f => installed.Contains(f, StringComparer.OrdinalIgnoreCase));
        if (preferred is not null) return preferred;
        if (installed.Length > 0) return null; // some fonts, none of ours: ScottPlot's own pick is fine

        string? file = FindFontFile(Environment.GetEnvironmentVariable(FontFileVariable), CandidateDirectories());
        if (file is null) return null;
        string bold = Path.Combine(Path.GetDirectoryName(file)!, Path.GetFileNameWithoutExtension(file) + "-Bold.ttf");
        Fonts.AddFontFile(RegisteredName, file, bold: false, italic: false);
        Fonts.AddFontFile(RegisteredName, File.Exists(bold) ? bold : file, bold: true, italic: false);
        return RegisteredName;
    }

    /// <summary>
    /// The explicit file if it exists; else, searching <paramref name="directories"/> in order (recursively), the
    /// first directory's best .ttf: <c>DejaVuSans.ttf</c>, else a regular "Sans" face, else any .ttf (by name order).
    /// </summary>
    internal static string? FindFontFile(string? explicitFile, IEnumerable<string> directories)
    {
        if (!string.IsNullOrWhiteSpace(explicitFile) && File.Exists(explicitFile)) return explicitFile;
        foreach (string directory in directories)
        {
            string[] files;
            try
            {
                if (!Directory.Exists(directory)) continue;
                files = Directory.EnumerateFiles(directory, "*.*", SearchOption.AllDirectories)
                    .Where(f => f.EndsWith(".ttf", StringComparison.OrdinalIgnoreCase))
                    .Order(StringComparer.Ordinal)
                    .ToArray();
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                continue;
            }
            string? best = files.FirstOrDefault(f => Path.GetFileName(f).Equals("DejaVuSans.ttf", StringComparison.OrdinalIgnoreCase))
                ?? files.FirstOrDefault(f => IsRegularSans(Path.GetFileNameWithoutExtension(f)))
                ?? files.FirstOrDefault();
            if (best is not null) return best;
        }
        return null;
    }

    private static bool IsRegularSans(string name) =>
        name.Contains("Sans", StringComparison.OrdinalIgnoreCase)
        && !name.Contains("Mono", StringComparison.OrdinalIgnoreCase)
        && !name.Contains('-'); // "DejaVuSans-Bold", "LiberationSans-Italic": styled faces carry a suffix

    private static IEnumerable<string> CandidateDirectories()
    {
        string home = Environment.GetFolderPath(Environment.SpecialFolder.UserProfile);
        yield return "/usr/share/fonts";
        yield return "/usr/local/share/fonts";
        if (home.Length > 0)
        {
            yield return Path.Combine(home, ".local", "share", "fonts");
            yield return Path.Combine(home, ".fonts");
        }
        // matplotlib's bundled DejaVu fonts, common on machines set up for Python work
        foreach (string lib in PythonLibDirectories())
            foreach (string packages in new[] { "site-packages", "dist-packages" })
                yield return Path.Combine(lib, packages, "matplotlib", "mpl-data", "fonts", "ttf");
    }

    private static IEnumerable<string> PythonLibDirectories()
    {
        var roots = new List<string> { "/usr/lib", "/usr/local/lib", "/opt/conda/lib" };
        roots.AddRange(SafeDirectories("/opt", "*").SelectMany(d => new[] { Path.Combine(d, ".venv", "lib"), Path.Combine(d, "lib") }));
        return roots.SelectMany(root => SafeDirectories(root, "python3*"));
    }

    private static IEnumerable<string> SafeDirectories(string root, string pattern)
    {
        try
        {
            return Directory.Exists(root) ? Directory.GetDirectories(root, pattern).Order(StringComparer.Ordinal).ToArray() : [];
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return [];
        }
    }
}
