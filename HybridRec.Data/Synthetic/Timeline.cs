namespace HybridRec.Data.Synthetic;

/// <summary>
/// Plausible Unix timestamps (seconds, UTC) within ml-25m's dates. Each user is active from a uniform start date
/// for a log-normal span (median one day: many MovieLens users rate in one sitting, some for years).
/// </summary>
internal static class Timeline
{
    /// <summary>First rating of ml-25m: 1995-01-09 11:46:49 UTC.</summary>
    public const long FirstRating = 789_652_009;

    /// <summary>Last rating of ml-25m: 2019-11-21 09:15:03 UTC.</summary>
    public const long LastRating = 1_574_327_703;

    /// <summary>Half-star ratings on MovieLens from 2003-02-18 UTC; earlier ratings are whole stars.</summary>
    public const long HalfStarsIntroduced = 1_045_526_400;

    /// <summary>First tag of ml-25m: 2005-12-24 13:03:51 UTC.</summary>
    public const long TagsIntroduced = 1_135_429_431;

    /// <summary>A user's active period: ratings fall in [Start, Start + Span].</summary>
    public readonly record struct Window(long Start, long Span)
    {
        /// <summary>A uniform second in the window.</summary>
        public long Draw(SeededRandom rng) => Start + (long)(rng.NextDouble() * (Span + 1));
    }

    /// <summary>The rating window of <paramref name="user"/> (its own stream, so the tag phase can recompute it).</summary>
    public static Window RatingWindow(long seed, int user)
    {
        var rng = SeedStreams.Create(seed, "user-time", user);
        long start = FirstRating + (long)(rng.NextDouble() * (LastRating - FirstRating));
        double span = Math.Exp(Math.Log(86_400.0) + 2.5 * rng.NextGaussian());
        long room = LastRating - start;
        return new Window(start, (long)Math.Clamp(span, Math.Min(60, room), room));
    }

    /// <summary>The tagging window of <paramref name="user"/>: the rating window moved to after tags existed.</summary>
    public static Window TagWindow(long seed, int user)
    {
        var w = RatingWindow(seed, user);
        long start = Math.Max(w.Start, TagsIntroduced);
        long end = Math.Max(w.Start + w.Span, start + 3_600);
        return new Window(start, Math.Min(end, LastRating) - start);
    }
}
