using System.Globalization;
using System.Text;

namespace HybridRec.Data.Synthetic;

/// <summary>What <see cref="SyntheticMovieLens.Write"/> wrote, for the command line to print.</summary>
public sealed record SyntheticSummary
{
    /// <summary>The directory written to (full path).</summary>
    public required string OutputDirectory { get; init; }

    /// <summary>The options used.</summary>
    public required SyntheticOptions Options { get; init; }

    /// <summary>Users written (each has at least <see cref="MinRatingsPerUser"/> ratings).</summary>
    public required int Users { get; init; }

    /// <summary>Movies in <c>movies.csv</c>.</summary>
    public required int Movies { get; init; }

    /// <summary>Movies with at least one rating.</summary>
    public required int MoviesWithRatings { get; init; }

    /// <summary>Rating lines in <c>ratings.csv</c>.</summary>
    public required long Ratings { get; init; }

    /// <summary>The per-user minimum applied (see <see cref="SyntheticOptions.EffectiveMinRatingsPerUser"/>).</summary>
    public required int MinRatingsPerUser { get; init; }

    /// <summary>The largest number of ratings of one user.</summary>
    public required int MaxRatingsPerUser { get; init; }

    /// <summary>The largest number of ratings of one movie.</summary>
    public required long MaxRatingsPerMovie { get; init; }

    /// <summary>Mean rating in stars.</summary>
    public required double MeanRating { get; init; }

    /// <summary>Number of ratings of 0.5, 1.0, …, 5.0 stars (10 entries).</summary>
    public required IReadOnlyList<long> RatingHistogram { get; init; }

    /// <summary>Tag application lines in <c>tags.csv</c>.</summary>
    public required long TagApplications { get; init; }

    /// <summary>Distinct tags used at least once.</summary>
    public required int DistinctTags { get; init; }

    /// <summary>Tags applied at least <see cref="MovieLensLoadOptions.DefaultMinTagCount"/> times: those a default load keeps.</summary>
    public required int TagsAtDefaultMinCount { get; init; }

    /// <summary>The files written, with their sizes, in the order written.</summary>
    public required IReadOnlyList<SyntheticFile> Files { get; init; }

    /// <summary>Files already in the directory that were left untouched (e.g. <c>genome-scores.csv</c> of a real release that was overwritten).</summary>
    public required IReadOnlyList<string> OtherFiles { get; init; }

    /// <summary>Total bytes written.</summary>
    public long BytesWritten => Files.Sum(f => f.Bytes);

    /// <summary>Wall time of the whole write.</summary>
    public required TimeSpan Elapsed { get; init; }

    /// <summary>A multi-line summary for consoles and logs.</summary>
    public override string ToString()
    {
        var c = CultureInfo.InvariantCulture;
        var sb = new StringBuilder();
        sb.AppendLine(c, $"synthetic MovieLens data (seed {Options.Seed}) in {OutputDirectory}");
        sb.AppendLine(c, $"users: {Users:N0} ({MinRatingsPerUser:N0}–{MaxRatingsPerUser:N0} ratings each); movies: {Movies:N0} ({MoviesWithRatings:N0} rated, at most {MaxRatingsPerMovie:N0} ratings)");
        sb.AppendLine(c, $"ratings: {Ratings:N0}, mean {MeanRating:0.000} stars");
        sb.AppendLine(c, $"tags: {TagApplications:N0} applications, {DistinctTags:N0} distinct tags, {TagsAtDefaultMinCount:N0} used at least {MovieLensLoadOptions.DefaultMinTagCount} times");
        foreach (var f in Files) sb.AppendLine(c, $"  {f.Name,-12} {f.Bytes,15:N0} bytes");
        foreach (var f in OtherFiles) sb.AppendLine(c, $"  (left untouched: {f})");
        sb.Append(c, $"{BytesWritten:N0} bytes in {Elapsed.TotalSeconds:0.0} s");
        return sb.ToString();
    }
}

/// <summary>One file written by <see cref="SyntheticMovieLens.Write"/>.</summary>
/// <param name="Name">File name, e.g. <c>ratings.csv</c>.</param>
/// <param name="Bytes">Size in bytes.</param>
/// <param name="Lines">Lines including the header (for CSV files).</param>
public sealed record SyntheticFile(string Name, long Bytes, long Lines);
