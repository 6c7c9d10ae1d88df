namespace HybridRec.Data.Synthetic;

/// <summary>
/// The per-user quantities drawn before the ratings: how many ratings each user gives (the minimum plus a log-normal
/// share of the rest, summing exactly) and each user's bias.
/// </summary>
internal static class UserActivity
{
    /// <summary>Ratings per user (index = user id − 1), each in [EffectiveMinRatingsPerUser, Movies], summing to Ratings.</summary>
    public static int[] RatingCounts(SyntheticOptions options)
    {
        var weights = LogNormalWeights(SeedStreams.Create(options.Seed, "user-activity"), options.Users, options.UserActivitySigma);
        return ExactAllocation.Allocate(weights, options.Ratings, options.EffectiveMinRatingsPerUser, options.Movies);
    }

    /// <summary>
    /// User biases <c>N(0, UserBiasStd²)</c>, centred so that their rating-weighted mean is exactly 0: the mean rating
    /// then stays near <see cref="SyntheticOptions.GlobalMean"/> even when a few heavy users dominate a small dataset.
    /// </summary>
    public static double[] Biases(SyntheticOptions options, int[] counts)
    {
        var rng = SeedStreams.Create(options.Seed, "user-bias");
        var biases = new double[counts.Length];
        double weighted = 0;
        for (int u = 0; u < biases.Length; u++)
        {
            biases[u] = options.UserBiasStd * rng.NextGaussian();
            weighted += counts[u] * biases[u];
        }
        double centre = weighted / options.Ratings;
        for (int u = 0; u < biases.Length; u++) biases[u] -= centre;
        return biases;
    }

    /// <summary><paramref name="count"/> weights <c>exp(σ·N(0,1))</c>.</summary>
    public static double[] LogNormalWeights(SeededRandom rng, int count, double sigma)
    {
        var weights = new double[count];
        for (int i = 0; i < count; i++) weights[i] = Math.Exp(sigma * rng.NextGaussian());
        return weights;
    }
}
