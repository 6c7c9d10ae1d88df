using System.Globalization;
using HybridRec.Data.Synthetic;
using Xunit;

namespace HybridRec.Data.Tests.Synthetic;

/// <summary>A temporary directory deleted on dispose.</summary>
public sealed class TempDirectory : IDisposable
{
    /// <summary>Creates an empty directory under the system temp path.</summary>
    public TempDirectory()
    {
        Path = System.IO.Path.Combine(System.IO.Path.GetTempPath(), "hybridrec-synth-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(Path);
    }

    /// <summary>The directory.</summary>
    public string Path { get; }

    /// <summary>A path inside the directory.</summary>
    public string File(string name) => System.IO.Path.Combine(Path, name);

    /// <inheritdoc />
    public void Dispose()
    {
        try
        {
            Directory.Delete(Path, recursive: true);
        }
        catch (IOException)
        {
        }
    }
}

/// <summary>Deliberately simple readers for the generated CSV files (split on commas; the generator never writes quoted fields).</summary>
public static class SyntheticCsv
{
    /// <summary>Generates a dataset, cancelled with the running test.</summary>
    public static SyntheticSummary Generate(SyntheticOptions options, string directory, IProgress<SyntheticProgress>? progress = null) =>
        SyntheticMovieLens.Write(options, directory, progress, TestContext.Current.CancellationToken);

    /// <summary>One rating line.</summary>
    public readonly record struct Rating(int User, int Movie, double Stars, long Timestamp);

    /// <summary>One movie line.</summary>
    public sealed record Movie(int Id, string Title, string[] Genres);

    /// <summary>One tag line.</summary>
    public readonly record struct Tag(int User, int Movie, string Text, long Timestamp);

    /// <summary>The data lines of a file (header dropped) split on commas, checking the header and field count.</summary>
    public static IEnumerable<string[]> Rows(string directory, string file, string header, int fields)
    {
        using var reader = new StreamReader(Path.Combine(directory, file));
        Assert.Equal(header, reader.ReadLine());
        int line = 1;
        while (reader.ReadLine() is { } text)
        {
            line++;
            var parts = text.Split(',');
            Assert.True(parts.Length == fields, $"{file} line {line}: {parts.Length} fields in '{text}'");
            yield return parts;
        }
    }

    /// <summary>All ratings.</summary>
    public static List<Rating> ReadRatings(string directory) =>
        [.. Rows(directory, "ratings.csv", "userId,movieId,rating,timestamp", 4)
            .Select(p => new Rating(int.Parse(p[0], CultureInfo.InvariantCulture), int.Parse(p[1], CultureInfo.InvariantCulture),
                double.Parse(p[2], CultureInfo.InvariantCulture), long.Parse(p[3], CultureInfo.InvariantCulture)))];

    /// <summary>All movies.</summary>
    public static List<Movie> ReadMovies(string directory) =>
        [.. Rows(directory, "movies.csv", "movieId,title,genres", 3)
            .Select(p => new Movie(int.Parse(p[0], CultureInfo.InvariantCulture), p[1], p[2].Split('|')))];

    /// <summary>All tag applications.</summary>
    public static List<Tag> ReadTags(string directory) =>
        [.. Rows(directory, "tags.csv", "userId,movieId,tag,timestamp", 4)
            .Select(p => new Tag(int.Parse(p[0], CultureInfo.InvariantCulture), int.Parse(p[1], CultureInfo.InvariantCulture),
                p[2], long.Parse(p[3], CultureInfo.InvariantCulture)))];
}

/// <summary>
/// The standard small dataset of these tests, generated once per test class: 1,000 users, 2,000 movies,
/// 50,000 ratings, seed 7, default model.
/// </summary>
public sealed class StandardDataset : IDisposable
{
    private readonly TempDirectory _directory = new();

    /// <summary>The options of the standard dataset.</summary>
    public static SyntheticOptions Options => new() { Users = 1_000, Movies = 2_000, Ratings = 50_000, Seed = 7 };

    /// <summary>Generates and reads the dataset.</summary>
    public StandardDataset()
    {
        Summary = SyntheticCsv.Generate(Options, _directory.Path);
        Ratings = SyntheticCsv.ReadRatings(_directory.Path);
        Movies = SyntheticCsv.ReadMovies(_directory.Path);
        Tags = SyntheticCsv.ReadTags(_directory.Path);
    }

    /// <summary>Where the files are.</summary>
    public string Directory => _directory.Path;

    /// <summary>What the generator reported.</summary>
    public SyntheticSummary Summary { get; }

    /// <summary>ratings.csv.</summary>
    public List<SyntheticCsv.Rating> Ratings { get; }

    /// <summary>movies.csv.</summary>
    public List<SyntheticCsv.Movie> Movies { get; }

    /// <summary>tags.csv.</summary>
    public List<SyntheticCsv.Tag> Tags { get; }

    /// <inheritdoc />
    public void Dispose() => _directory.Dispose();
}
