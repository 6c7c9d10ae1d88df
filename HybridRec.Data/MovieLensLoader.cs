using System.Diagnostics;
using HybridRec.Data.IO;
using HybridRec.Data.Readers;

namespace HybridRec.Data;

/// <summary>
/// Loads any MovieLens release — CSV (ml-latest-small, ml-latest, ml-20m, ml-25m, ml-32m), <c>::</c> (ml-1m,
/// ml-10m) or ml-100k — from a directory or a zip, detecting the release from its files, into a
/// <see cref="RatingDataset"/>: items are the movies (names: titles), item feature groups <c>genres</c> and
/// <c>tags</c> (multi-hot; tags used fewer than <see cref="MovieLensLoadOptions.MinTagCount"/> times dropped,
/// de-duplicated per movie), and, where the release ships user profiles (ml-100k <c>u.user</c>, ml-1m
/// <c>users.dat</c>), the categorical user feature groups <c>age</c> (bands under 18, 18-24, 25-34, 35-44, 45-49,
/// 50-55, 56+), <c>gender</c>, <c>occupation</c> and <c>zip</c> (first character of the zip code). Bad input throws
/// <see cref="DatasetFormatException"/> naming the file, line, field and text; everything skipped is counted in
/// <see cref="RatingDataset.Report"/>.
/// </summary>
public static class MovieLensLoader
{
    /// <summary>Name of the item feature group of the movies' genres.</summary>
    public const string GenresGroup = "genres";

    /// <summary>Name of the item feature group of the movies' tags.</summary>
    public const string TagsGroup = "tags";

    /// <summary>Files up to this size that are present but not loaded get their lines counted in <see cref="LoadReport.OtherFiles"/>.</summary>
    private const long CountLinesUpTo = 64L << 20;

    /// <summary>
    /// Loads the release at <paramref name="path"/>: a directory holding the release's files, or a release
    /// <c>.zip</c> whose entries sit at its root or under one top folder (such as <c>ml-latest-small/</c>).
    /// </summary>
    /// <param name="path">A release directory or zip file.</param>
    /// <param name="options">Load options; defaults when null.</param>
    /// <exception cref="DatasetFormatException">A required file is missing, or a file is malformed.</exception>
    /// <exception cref="DirectoryNotFoundException"><paramref name="path"/> is neither a directory nor a file.</exception>
    public static RatingDataset Load(string path, MovieLensLoadOptions? options = null)
    {
        var clock = Stopwatch.StartNew();
        options = Validate(options);
        using var source = ReleaseSource.OpenPath(path);
        return Load(source, options, clock);
    }

    /// <summary>Loads a release zip held in a stream (e.g. an embedded resource). The stream is left open.</summary>
    /// <param name="zipStream">The zip archive.</param>
    /// <param name="sourceName">A name for messages and <see cref="RatingDataset.Source"/>, e.g. <c>ml-latest-small.zip</c>.</param>
    /// <param name="options">Load options; defaults when null.</param>
    /// <exception cref="DatasetFormatException">The stream is not a zip, a required file is missing, or a file is malformed.</exception>
    public static RatingDataset Load(Stream zipStream, string sourceName, MovieLensLoadOptions? options = null)
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
    internal static RatingDataset Load(ReleaseSource source, MovieLensLoadOptions? options = null)
    {
        var clock = Stopwatch.StartNew();
        return Load(source, Validate(options), clock);
    }

    private static RatingDataset Load(ReleaseSource source, MovieLensLoadOptions options, Stopwatch clock)
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

        var itemFeatures = new FeatureGroupCollection(
            [new FeatureGroup(GenresGroup, FeatureKind.MultiHot, movies.Genres), new FeatureGroup(TagsGroup, FeatureKind.MultiHot, tags)]);
        var userFeatures = ctx.Profiles is { } profiles
            ? profiles.Build(ctx.Users!, report, layout.Kind == ReleaseKind.Ml100k ? source.DisplayPath("u.user") : source.DisplayPath("users.dat"))
            : FeatureGroupCollection.Empty;
        report.Summarise(ratings, movies.Count, itemFeatures, userFeatures);

        foreach (var file in source.Files.Where(f => !ctx.WasRead(f)))
            report.OtherFiles.Add(DescribeOtherFile(source, file));

        report.LoadTime = clock.Elapsed;
        return new RatingDataset
        {
            Name = source.Name,
            Source = source.Location,
            Format = layout.Format.ToFormatName(),
            Scale = layout.Scale,
            Users = ctx.Users!,
            Items = movies.Map,
            ItemNames = movies.Titles,
            ItemFeatures = itemFeatures,
            UserFeatures = userFeatures,
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
