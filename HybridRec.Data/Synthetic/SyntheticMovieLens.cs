using System.Diagnostics;
using System.Text;

namespace HybridRec.Data.Synthetic;

/// <summary>
/// Writes a synthetic dataset in the MovieLens CSV layout (<c>ratings.csv</c>, <c>movies.csv</c>, <c>tags.csv</c>,
/// <c>links.csv</c> and a <c>README.txt</c> saying it is synthetic) from a seeded hidden model that a recommender can
/// learn: see <see cref="SyntheticOptions"/> for the model and its knobs.
/// </summary>
/// <remarks>
/// Output is a function of the options alone: every random choice comes from <see cref="SeededRandom"/> streams
/// derived from the seed and the user (or tagger) it concerns, and parallel blocks are written in order, so the
/// files are byte-identical whatever the thread count. Files are streamed to disk (memory stays at tens of MB for
/// the 25M-rating default) under temporary names in the output directory and renamed over the final names only
/// when all are complete; a failure or cancellation leaves any previous release in the directory untouched.
/// Other files already in the directory (e.g. <c>genome-scores.csv</c>) are left as they are and listed in the summary.
/// </remarks>
public static class SyntheticMovieLens
{
    /// <summary>Version of the generation algorithm, written to <c>README.txt</c>; it changes whenever the same options would give different files.</summary>
    public const int GeneratorVersion = 1;

    /// <summary>The files written, in the order written.</summary>
    public static IReadOnlyList<string> FileNames { get; } = ["movies.csv", "links.csv", "ratings.csv", "tags.csv", "README.txt"];

    /// <summary>
    /// Generates the dataset described by <paramref name="options"/> into <paramref name="outputDirectory"/>
    /// (created if missing; existing files of the same names are replaced atomically, one by one, at the end).
    /// </summary>
    /// <param name="options">Sizes, seed and model; validated first (<see cref="SyntheticOptions.Validate"/>).</param>
    /// <param name="outputDirectory">Where to write.</param>
    /// <param name="progress">Receives the phase and the fraction done, on the calling thread.</param>
    /// <param name="ct">Cancels the write; nothing is renamed into place and temporary files are removed.</param>
    /// <returns>Counts, sizes and timing of what was written.</returns>
    /// <exception cref="ArgumentException">An option is out of range, or the directory is empty.</exception>
    public static SyntheticSummary Write(SyntheticOptions options, string outputDirectory,
        IProgress<SyntheticProgress>? progress = null, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentException.ThrowIfNullOrWhiteSpace(outputDirectory);
        options.Validate();
        var clock = Stopwatch.StartNew();
        int workers = options.MaxDegreeOfParallelism ?? Environment.ProcessorCount;
        string directory = Path.GetFullPath(outputDirectory);

        progress?.Report(new SyntheticProgress(SyntheticPhase.Model, 0));
        var movies = MovieModel.Create(options);
        int[] counts = UserActivity.RatingCounts(options);
        var tags = TagVocabulary.Create(options);
        progress?.Report(new SyntheticProgress(SyntheticPhase.Model, 1));
        ct.ThrowIfCancellationRequested();

        using var files = new AtomicFileSet(directory);
        var other = OtherFiles(directory);

        progress?.Report(new SyntheticProgress(SyntheticPhase.Movies, 0));
        MovieFiles.WriteMovies(files.Begin("movies.csv"), movies);
        files.End(options.Movies + 1L);
        MovieFiles.WriteLinks(files.Begin("links.csv"), options.Movies);
        files.End(options.Movies + 1L);
        progress?.Report(new SyntheticProgress(SyntheticPhase.Movies, 1));
        ct.ThrowIfCancellationRequested();

        progress?.Report(new SyntheticProgress(SyntheticPhase.Ratings, 0));
        var ratings = RatingsFile.Write(files.Begin("ratings.csv"), options, movies, counts, workers, progress, ct);
        files.End(ratings.Ratings + 1);
        ct.ThrowIfCancellationRequested();

        progress?.Report(new SyntheticProgress(SyntheticPhase.Tags, 0));
        var tagStats = TagsFile.Write(files.Begin("tags.csv"), options, movies, tags, workers, progress, ct);
        files.End(tagStats.Applications + 1);
        progress?.Report(new SyntheticProgress(SyntheticPhase.Tags, 1));
        ct.ThrowIfCancellationRequested();

        progress?.Report(new SyntheticProgress(SyntheticPhase.Commit, 0));
        int moviesWithRatings = ratings.MovieCounts.Count(c => c > 0);
        long maxPerMovie = ratings.MovieCounts.Max();
        int distinctTags = tagStats.TagCounts.Count(c => c > 0);
        int tagsAtDefaultMin = tagStats.TagCounts.Count(c => c >= MovieLensLoadOptions.DefaultMinTagCount);
        int minPerUser = options.EffectiveMinRatingsPerUser;
        int maxPerUser = counts.Max();
        string readme = SyntheticReadme.Build(options, minPerUser, maxPerUser, moviesWithRatings, maxPerMovie,
            ratings.Histogram, ratings.Ratings, tagStats.Applications, distinctTags, tagsAtDefaultMin);
        byte[] readmeBytes = new UTF8Encoding(encoderShouldEmitUTF8Identifier: false).GetBytes(readme);
        files.Begin("README.txt").Write(readmeBytes);
        files.End(readme.Count(ch => ch == '\n'));
        ct.ThrowIfCancellationRequested();
        files.Commit();
        progress?.Report(new SyntheticProgress(SyntheticPhase.Commit, 1));

        double starSum = 0;
        for (int i = 0; i < ratings.Histogram.Length; i++) starSum += (i + 1) * 0.5 * ratings.Histogram[i];
        return new SyntheticSummary
        {
            OutputDirectory = directory,
            Options = options,
            Users = options.Users,
            Movies = options.Movies,
            MoviesWithRatings = moviesWithRatings,
            Ratings = ratings.Ratings,
            MinRatingsPerUser = minPerUser,
            MaxRatingsPerUser = maxPerUser,
            MaxRatingsPerMovie = maxPerMovie,
            MeanRating = starSum / ratings.Ratings,
            RatingHistogram = ratings.Histogram,
            TagApplications = tagStats.Applications,
            DistinctTags = distinctTags,
            TagsAtDefaultMinCount = tagsAtDefaultMin,
            Files = files.Files,
            OtherFiles = other,
            Elapsed = clock.Elapsed,
        };
    }

    /// <summary>Files in the directory that this write does not replace (listed before it writes anything).</summary>
    private static string[] OtherFiles(string directory)
    {
        var ours = new HashSet<string>(FileNames, StringComparer.Ordinal);
        var other = Directory.EnumerateFiles(directory).Select(Path.GetFileName).OfType<string>().Where(n => !ours.Contains(n)).ToArray();
        Array.Sort(other, StringComparer.Ordinal);
        return other;
    }
}
