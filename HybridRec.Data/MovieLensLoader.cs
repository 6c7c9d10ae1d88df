using System.Diagnostics;
using HybridRec.Data.IO;
using HybridRec.Data.Readers;

namespace HybridRec.Data;

/// <summary>
/// Loads any MovieLens release — CSV (ml-latest-small, ml-latest, ml-20m, ml-25m, ml-32m), <c>::</c> (ml-1m,
/// ml-10m) or ml-100k — from a directory or a zip, detecting the release from its files, and preprocesses it as
/// <see cref="MovieLensDataset"/> describes. Bad input throws <see cref="MovieLensFormatException"/> naming the
/// file, line, field and text; everything skipped is counted in <see cref="MovieLensDataset.Report"/>.
/// </summary>
public static class MovieLensLoader
{
    /// <summary>Files up to this size that are present but not loaded get their lines counted in <see cref="LoadReport.OtherFiles"/>.</summary>
    private const long CountLinesUpTo = 64L << 20;

    /// <summary>
    /// Loads the release at <paramref name="path"/>: a directory holding the release's files, or a release
    /// <c>.zip</c> whose entries sit at its root or under one top folder (such as <c>ml-latest-small/</c>).
    /// </summary>
    /// <param name="path">A release directory or zip file.</param>
    /// <param name="options">Load options; defaults when null.</param>
    /// <exception cref="MovieLensFormatException">A required file is missing, or a file is malformed.</exception>
    /// <exception cref="DirectoryNotFoundException"><paramref name="path"/> is neither a directory nor a file.</exception>
    public static MovieLensDataset Load(string path, MovieLensLoadOptions? options = null)
    {
        var clock = Stopwatch.StartNew();
        options = Validate(options);
        using var source = ReleaseSource.OpenPath(path);
        return Load(source, options, clock);
    }

    /// <summary>Loads a release zip held in a stream (e.g. an embedded resource). The stream is left open.</summary>
    /// <param name="zipStream">The zip archive.</param>
    /// <param name="sourceName">A name for messages and <see cref="MovieLensDataset.Source"/>, e.g. <c>ml-latest-small.zip</c>.</param>
    /// <param name="options">Load options; defaults when null.</param>
    /// <exception cref="MovieLensFormatException">The stream is not a zip, a required file is missing, or a file is malformed.</exception>
    public static MovieLensDataset Load(Stream zipStream, string sourceName, MovieLensLoadOptions? options = null)
    {
        var clock = Stopwatch.StartNew();
        options = Validate(options);
        using var source = ReleaseSource.FromZipStream(zipStream, sourceName);
        return Load(source, options, clock);
    }

    private static MovieLensLoadOptions Validate(MovieLensLoadOptions? options)
    {
        options ??= new MovieLensLoadOptions();
        ArgumentOutOfRangeException.ThrowIfNegative(options.MinTagCount, nameof(options.MinTagCount));
        if (options.MaxRatings is int max) ArgumentOutOfRangeException.ThrowIfNegativeOrZero(max, nameof(options.MaxRatings));
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(options.MaxLineLength, nameof(options.MaxLineLength));
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(options.MaxFileBytes, nameof(options.MaxFileBytes));
        if (!Enum.IsDefined(options.Duplicates)) throw new ArgumentOutOfRangeException(nameof(options), $"unknown duplicate policy {options.Duplicates}.");
        return options;
    }

    /// <summary>Loads a release from a source the caller owns (e.g. an in-memory one).</summary>
    internal static MovieLensDataset Load(ReleaseSource source, MovieLensLoadOptions? options = null)
    {
        var clock = Stopwatch.StartNew();
        return Load(source, Validate(options), clock);
    }

    private static MovieLensDataset Load(ReleaseSource source, MovieLensLoadOptions options, Stopwatch clock)
    {
        var report = new LoadReport { MinTagCount = options.MinTagCount };
        var layout = ReleaseLayout.Detect(source, report.Warnings);
        report.Release = layout.Description;
        var ctx = new LoadContext(source, layout, options, report);

        switch (layout.Kind)
        {
            case ReleaseKind.Csv:
                CsvReleaseReader.Read(ctx);
                break;
            case ReleaseKind.Ml1m:
            case ReleaseKind.Ml10m:
                DatReleaseReader.Read(ctx);
                break;
            case ReleaseKind.Ml100k:
                Ml100kReader.Read(ctx);
                break;
            default:
                throw new UnreachableException($"release kind {layout.Kind}");
        }

        var movies = ctx.Movies;
        var ratings = ctx.RatingTable!;
        SparseFeatures tags;
        if (ctx.Tags is not null)
        {
            tags = ctx.Tags.Build(options.MinTagCount, report);
        }
        else
        {
            tags = SparseFeatures.Empty(movies.Count);
            report.Warnings.Add("the release has no tag file; the tag vocabulary is empty.");
        }

        var rated = new bool[movies.Count];
        foreach (int m in ratings.Movies) rated[m] = true;
        report.MoviesWithoutRatings = rated.Count(r => !r);

        foreach (var file in source.Files.Where(f => !ctx.WasRead(f)))
            report.OtherFiles.Add(DescribeOtherFile(source, file));

        report.LoadTime = clock.Elapsed;
        return new MovieLensDataset
        {
            Name = source.Name,
            Source = source.Location,
            Format = layout.Format,
            Scale = layout.Scale,
            Users = ctx.Users!,
            Movies = movies.Map,
            Titles = movies.Titles,
            Genres = movies.Genres,
            Tags = tags,
            Ratings = ratings,
            PredefinedSplits = ctx.Splits,
            Report = report,
        };
    }

    private static string DescribeOtherFile(ReleaseSource source, string file)
    {
        long length = source.Length(file);
        if (length > CountLinesUpTo) return $"{source.DisplayPath(file)} ({length:N0} bytes; lines not counted)";
        using var s = source.Open(file);
        long lines = LineReader.CountLines(s);
        return $"{source.DisplayPath(file)} ({lines:N0} line{(lines == 1 ? "" : "s")})";
    }
}
