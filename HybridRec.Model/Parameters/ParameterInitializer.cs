using HybridRec.Data;

namespace HybridRec.Model.Parameters;

/// <summary>Fills a parameter vector with its initial values: Keras defaults, reproducible from a seed.</summary>
public static class ParameterInitializer
{
    /// <summary>
    /// Returns a new vector of <see cref="ParameterLayout.Count"/> values. Each slice draws from its own stream
    /// (seeded by <paramref name="seed"/> and the slice name), so adding a slice does not change the others.
    /// </summary>
    public static float[] Create(ParameterLayout layout, long seed)
    {
        ArgumentNullException.ThrowIfNull(layout);
        var values = new float[layout.Count];
        foreach (var slice in layout.Slices)
        {
            var span = values.AsSpan(slice.Offset, slice.Length);
            var rng = SeededRandom.For(seed, "init:" + slice.Name);
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

    private static void Uniform(Span<float> span, float limit, SeededRandom rng)
    {
        for (int i = 0; i < span.Length; i++) span[i] = (2f * rng.NextSingle() - 1f) * limit;
    }
}
