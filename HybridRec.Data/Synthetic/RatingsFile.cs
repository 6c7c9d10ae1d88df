namespace HybridRec.Data.Synthetic;

/// <summary>Writes <c>ratings.csv</c> (<c>userId,movieId,rating,timestamp</c>, sorted by user then movie) in parallel blocks, in order.</summary>
internal static class RatingsFile
{
    /// <summary>The header line.</summary>
    public const string Header = "userId,movieId,rating,timestamp";

    /// <summary>What was written.</summary>
    public sealed record Stats(long Ratings, long[] Histogram, long[] MovieCounts);

    /// <summary>Writes the ratings of every user to <paramref name="stream"/>.</summary>
    public static Stats Write(Stream stream, SyntheticOptions options, MovieModel movies, int[] counts, int workers,
        IProgress<SyntheticProgress>? progress, CancellationToken ct)
    {
        using (var header = new CsvBuffer(64))
        {
            header.Append(Header);
            header.Append((byte)'\n');
            header.FlushTo(stream);
        }

        int[] starts = BlockPlan.Cut(counts);
        int blocks = starts.Length - 1;
        int maxCount = counts.Max();
        workers = Math.Clamp(workers, 1, Math.Max(1, blocks));
        var generators = new RatingGenerator?[workers];
        double[] userBias = UserActivity.Biases(options, counts);
        var histogram = new long[10];
        long written = 0;

        OrderedParallel.Run(blocks, workers,
            produce: (worker, b) =>
            {
                var generator = generators[worker] ??= new RatingGenerator(options, movies, counts, userBias, maxCount);
                long lines = 0;
                for (int u = starts[b]; u < starts[b + 1]; u++) lines += counts[u];
                var text = new CsvBuffer((int)Math.Min(lines * RatingGenerator.MaxLineBytes, Array.MaxLength));
                var blockHistogram = new long[10];
                generator.Generate(starts[b], starts[b + 1], text, blockHistogram);
                return (text, blockHistogram, lines);
            },
            consume: (b, block) =>
            {
                using (block.text) block.text.FlushTo(stream);
                for (int i = 0; i < 10; i++) histogram[i] += block.blockHistogram[i];
                written += block.lines;
                progress?.Report(new SyntheticProgress(SyntheticPhase.Ratings, (double)written / options.Ratings));
            },
            ct);

        var movieCounts = new long[movies.Count];
        foreach (var g in generators)
        {
            if (g is null) continue;
            for (int m = 0; m < movieCounts.Length; m++) movieCounts[m] += g.MovieCounts[m];
        }
        return new Stats(written, histogram, movieCounts);
    }
}
