using HybridRec.Data;

namespace HybridRec.Model.Parameters;

/// <summary>Fills a parameter vector with its initial values: Keras defaults, reproducible from a seed.</summary>
internal static class ParameterInitializer
{
    /// <summary>
    /// Slices renamed since the first releases keep the stream of their old name, so the same seed still gives the
    /// original network's initial values (and <c>--preset seed</c> its figures) bit for bit.
    /// </summary>
    private static readonly Dictionary<string, string> LegacyStreamNames = new(StringComparer.Ordinal)
    {
        ["item_cf"] = "movie_cf",
        ["item_nn"] = "movie_nn",
        ["item_bias"] = "movie_bias",
        ["item_genres_kernel"] = "genre_kernel",
        ["item_genres_bias"] = "genre_bias",
        ["item_tags_kernel"] = "tag_kernel",
        ["item_tags_bias"] = "tag_bias",
    };

    /// <summary>
    /// Returns a new vector of <see cref="ParameterLayout.Count"/> values. Each slice draws from its own stream
    /// (seeded by <paramref name="seed"/> and the slice name, see <see cref="StreamName"/>), so adding a slice does
    /// not change the others.
    /// </summary>
    public static float[] Create(ParameterLayout layout, long seed)
    {
        ArgumentNullException.ThrowIfNull(layout);
        var values = new float[layout.Count];
        foreach (var slice in layout.Slices)
        {
            var span = values.AsSpan(slice.Offset, slice.Length);
            var rng = SeededRandom.For(seed, "init:" + StreamName(slice.Name));
            switch (slice.Init)
            {
                case SliceInit.Zeros:
                    span.Clear();
                    break;
                case SliceInit.UniformEmbedding:
                    Uniform(span, layout.Options.EmbeddingInitRange, rng);
                    break;
                case SliceInit.GlorotUniform:
                    int fans = slice.FanIn + slice.FanOut;
                    Uniform(span, fans > 0 ? MathF.Sqrt(6f / fans) : 0f, rng);
                    break;
                default:
                    throw new InvalidOperationException($"unknown initialiser {slice.Init}.");
            }
        }
        return values;
    }

    /// <summary>
    /// The name a slice's random stream is keyed by: the slice name, except for the slices renamed from the first
    /// releases (<c>item_cf</c> → <c>movie_cf</c>, <c>item_nn</c> → <c>movie_nn</c>, <c>item_bias</c> → <c>movie_bias</c>,
    /// <c>item_genres_kernel</c>/<c>_bias</c> → <c>genre_kernel</c>/<c>_bias</c>, <c>item_tags_kernel</c>/<c>_bias</c> →
    /// <c>tag_kernel</c>/<c>_bias</c>), which keep their old streams.
    /// </summary>
    public static string StreamName(string sliceName) => LegacyStreamNames.TryGetValue(sliceName, out var old) ? old : sliceName;

    private static void Uniform(Span<float> span, float limit, SeededRandom rng)
    {
        for (int i = 0; i < span.Length; i++) span[i] = (2f * rng.NextSingle() - 1f) * limit;
    }
}
