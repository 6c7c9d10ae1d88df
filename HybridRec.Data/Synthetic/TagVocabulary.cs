using System.Text;

namespace HybridRec.Data.Synthetic;

/// <summary>
/// The synthetic tag vocabulary, ranked by popularity (rank 1 first): stand-alone tags first, then
/// "modifier subject" pairs, then <c>tag-0001</c>… if still more are asked for. Each tag has a home genre (or none)
/// and a direction in latent-factor space; tags are applied preferably to movies of their genre and of matching
/// taste, so they carry information about movies.
/// </summary>
internal sealed class TagVocabulary
{
    private TagVocabulary(int count, int factors)
    {
        Words = new string[count];
        Utf8 = new byte[count][];
        HomeGenre = new int[count];
        Directions = new double[count * factors];
        Weights = new long[count];
    }

    /// <summary>Tag words by rank.</summary>
    public string[] Words { get; }

    /// <summary>UTF-8 bytes of each word.</summary>
    public byte[][] Utf8 { get; }

    /// <summary>Home genre of each tag, −1 for generic tags.</summary>
    public int[] HomeGenre { get; }

    /// <summary>Unit direction of each tag in factor space, (Count, factors) row-major.</summary>
    public double[] Directions { get; }

    /// <summary>Integer popularity weights.</summary>
    public long[] Weights { get; }

    /// <summary>Alias table over <see cref="Weights"/>.</summary>
    public AliasTable Popularity { get; private set; } = null!;

    /// <summary>Number of tags.</summary>
    public int Count => Words.Length;

    /// <summary>Longest word in bytes.</summary>
    public int MaxWordBytes { get; private set; }

    /// <summary>Builds the vocabulary for <paramref name="options"/>.</summary>
    public static TagVocabulary Create(SyntheticOptions options)
    {
        int v = options.TagVocabulary, k = options.LatentFactors;
        var vocabulary = new TagVocabulary(v, k);
        var rng = SeedStreams.Create(options.Seed, "tag-vocabulary");

        var singles = TagWords.Singles.ToArray();
        rng.Shuffle<(string, int)>(singles);
        var seen = new HashSet<string>(singles.Select(x => x.Word), StringComparer.Ordinal);
        var pairs = new List<(string Word, int Genre)>();
        foreach (string modifier in TagWords.Modifiers)
            foreach (var (subject, genre) in TagWords.Subjects)
            {
                string word = $"{modifier} {subject}";
                if (seen.Add(word)) pairs.Add((word, genre)); // e.g. "great soundtrack" is also a stand-alone tag
            }
        var pairArray = pairs.ToArray();
        rng.Shuffle<(string, int)>(pairArray);

        int r = 0;
        for (; r < v && r < singles.Length; r++) (vocabulary.Words[r], vocabulary.HomeGenre[r]) = singles[r];
        for (int j = 0; r < v && j < pairArray.Length; r++, j++) (vocabulary.Words[r], vocabulary.HomeGenre[r]) = pairArray[j];
        for (int j = 1; r < v; r++, j++) (vocabulary.Words[r], vocabulary.HomeGenre[r]) = ($"tag-{j:D4}", -1);

        for (int t = 0; t < v; t++)
        {
            vocabulary.Utf8[t] = Encoding.UTF8.GetBytes(vocabulary.Words[t]);
            vocabulary.MaxWordBytes = Math.Max(vocabulary.MaxWordBytes, vocabulary.Utf8[t].Length);
            var d = vocabulary.Directions.AsSpan(t * k, k);
            double norm = 0;
            for (int f = 0; f < k; f++) { d[f] = rng.NextGaussian(); norm += d[f] * d[f]; }
            norm = norm > 0 ? 1.0 / Math.Sqrt(norm) : 0;
            for (int f = 0; f < k; f++) d[f] *= norm;
        }

        double s = options.TagPopularityExponent, offset = options.TagPopularityOffset;
        for (int t = 0; t < v; t++)
            vocabulary.Weights[t] = Math.Max(1L, (long)Math.Round(Math.Pow((t + 1 + offset) / (1 + offset), -s) * (1L << 40)));
        vocabulary.Popularity = new AliasTable(vocabulary.Weights);
        return vocabulary;
    }
}
