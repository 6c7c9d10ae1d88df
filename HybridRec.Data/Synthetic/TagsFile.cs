namespace HybridRec.Data.Synthetic;

/// <summary>
/// Writes <c>tags.csv</c> (<c>userId,movieId,tag,timestamp</c>, sorted by user then movie). A share of users
/// (<see cref="SyntheticOptions.TaggerFraction"/>) tag; how much each tags is very skewed, like MovieLens.
/// </summary>
internal static class TagsFile
{
    /// <summary>The header line.</summary>
    public const string Header = "userId,movieId,tag,timestamp";

    /// <summary>Log-standard-deviation of tagging activity among taggers.</summary>
    private const double TaggerActivitySigma = 2.5;

    /// <summary>What was written.</summary>
    public sealed record Stats(long Applications, long[] TagCounts);

    /// <summary>Writes the tag applications to <paramref name="stream"/>.</summary>
    public static Stats Write(Stream stream, SyntheticOptions options, MovieModel movies, TagVocabulary tags, int workers,
        IProgress<SyntheticProgress>? progress, CancellationToken ct)
    {
        using (var header = new CsvBuffer(64))
        {
            header.Append(Header);
            header.Append((byte)'\n');
            header.FlushTo(stream);
        }
        var tagCounts = new long[tags.Count];
        long total = options.TagApplications;
        if (total == 0) return new Stats(0, tagCounts);

        var (taggers, counts) = ChooseTaggers(options, total);
        int[] starts = BlockPlan.Cut(counts);
        int blocks = starts.Length - 1;
        workers = Math.Clamp(workers, 1, Math.Max(1, blocks));
        var generators = new TagGenerator?[workers];
        long written = 0;

        OrderedParallel.Run(blocks, workers,
            produce: (worker, b) =>
            {
                var generator = generators[worker] ??= new TagGenerator(options, movies, tags);
                long lines = 0;
                for (int i = starts[b]; i < starts[b + 1]; i++) lines += counts[i];
                var text = new CsvBuffer((int)Math.Min(lines * generator.MaxLineBytes, Array.MaxLength));
                for (int i = starts[b]; i < starts[b + 1]; i++) generator.Generate(taggers[i], counts[i], text);
                return (text, lines);
            },
            consume: (b, block) =>
            {
                using (block.text) block.text.FlushTo(stream);
                written += block.lines;
                progress?.Report(new SyntheticProgress(SyntheticPhase.Tags, (double)written / total));
            },
            ct);

        foreach (var g in generators)
        {
            if (g is null) continue;
            for (int t = 0; t < tagCounts.Length; t++) tagCounts[t] += g.TagCounts[t];
        }
        return new Stats(written, tagCounts);
    }

    /// <summary>The tagging users (ascending, 0-based) and how many tags each applies (≥ 1, summing to <paramref name="total"/>).</summary>
    private static (int[] Taggers, int[] Counts) ChooseTaggers(SyntheticOptions options, long total)
    {
        int users = options.Users;
        int n = (int)Math.Clamp(Math.Round(users * options.TaggerFraction), 1, users);
        if (total < n) n = (int)total;

        var rng = SeedStreams.Create(options.Seed, "taggers");
        var all = new int[users];
        for (int i = 0; i < users; i++) all[i] = i;
        for (int i = 0; i < n; i++) // partial Fisher–Yates: the first n are a uniform sample
        {
            int j = rng.NextInt(i, users);
            (all[i], all[j]) = (all[j], all[i]);
        }
        var taggers = all[..n];
        Array.Sort(taggers);

        var weights = UserActivity.LogNormalWeights(SeedStreams.Create(options.Seed, "tag-activity"), n, TaggerActivitySigma);
        var counts = ExactAllocation.Allocate(weights, total, 1, (int)Math.Min(total, int.MaxValue));
        return (taggers, counts);
    }
}
