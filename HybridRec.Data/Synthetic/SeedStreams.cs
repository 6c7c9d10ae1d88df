namespace HybridRec.Data.Synthetic;

/// <summary>
/// Independent <see cref="SeededRandom"/> streams derived from (seed, purpose, index), so that every user's
/// ratings, every tagger's tags and every model part come from their own stream: the output does not depend on
/// how work is split between threads.
/// </summary>
internal static class SeedStreams
{
    /// <summary>A generator for item <paramref name="index"/> of <paramref name="purpose"/> under <paramref name="seed"/>.</summary>
    public static SeededRandom Create(long seed, string purpose, long index = 0)
    {
        ulong h = 14695981039346656037UL; // FNV-1a of the purpose
        foreach (char c in purpose) { h ^= c; h *= 1099511628211UL; }
        ulong x = Mix((ulong)seed ^ h);
        x = Mix(x + (ulong)index * 0x9E3779B97F4A7C15UL + 0x632BE59BD9B4E019UL);
        return new SeededRandom((long)x);
    }

    /// <summary>SplitMix64's finaliser: a bijective 64-bit mix.</summary>
    private static ulong Mix(ulong z)
    {
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
        return z ^ (z >> 31);
    }

    /// <summary>A uniform integer in [0, <paramref name="bound"/>) without bias (Lemire's method, 128-bit product).</summary>
    public static ulong NextBelow(SeededRandom rng, ulong bound)
    {
        ulong hi = Math.BigMul(rng.NextUInt64(), bound, out ulong lo);
        if (lo < bound)
        {
            ulong threshold = (0 - bound) % bound;
            while (lo < threshold) hi = Math.BigMul(rng.NextUInt64(), bound, out lo);
        }
        return hi;
    }
}
