namespace HybridRec.Data.Synthetic;

/// <summary>
/// Options for <see cref="SyntheticMovieLens.Write"/>. The defaults give a dataset the size and shape of
/// MovieLens ml-25m (162,541 users, 62,423 movies, 25,000,095 ratings, about 1.1M tag applications).
/// </summary>
/// <remarks>
/// <para>The hidden model behind every rating of user <c>u</c> on movie <c>m</c> is</para>
/// <code>
/// x = GlobalMean + b_u + b_m + p_u · q_m + mean_{g ∈ genres(m)} a_{u,g} + NoiseStd · ε
/// </code>
/// <para>
/// with user bias <c>b_u ~ N(0, UserBiasStd²)</c>, movie bias <c>b_m</c> (standard deviation
/// <see cref="MovieBiasStd"/>, slightly higher for popular movies and shifted by a fixed per-genre offset, e.g.
/// Film-Noir up and Horror down), latent factors <c>p_u, q_m</c> of rank <see cref="LatentFactors"/> whose dot
/// product has standard deviation <see cref="InteractionStd"/> (a share <see cref="GenreFactorShare"/> of each
/// movie's factors comes from its genres), per-user genre affinities <c>a_{u,g} ~ N(0, GenreEffectStd²)</c> and
/// standard normal noise <c>ε</c>; both biases are centred on their rating-weighted mean, so ratings average close to
/// <see cref="GlobalMean"/> at any size. <c>x</c> is rounded to the half-star grid 0.5–5.0 (to whole stars for ratings
/// dated before half stars existed on MovieLens, February 2003, and for users who prefer whole stars) and clipped.
/// </para>
/// <para>
/// Which movies a user rates follows long-tailed popularity: the movie of popularity rank <c>r</c> (1 = most
/// popular; ranks are a random permutation of the movies) has weight
/// <c>((r + o) / (1 + o))^-MoviePopularityExponent</c> with <c>o = MoviePopularityOffset</c>, and each user
/// draws distinct movies with probability proportional to weight (successive sampling without replacement).
/// How many ratings a user gives is <see cref="MinRatingsPerUser"/> plus a share of the rest proportional to a
/// log-normal activity weight with log-standard-deviation <see cref="UserActivitySigma"/>.
/// </para>
/// <para>
/// The same options always give byte-identical files. <see cref="MaxDegreeOfParallelism"/> only changes speed.
/// </para>
/// </remarks>
public sealed record SyntheticOptions
{
    private readonly long? _tagApplications;

    /// <summary>Number of users; every one of them rates at least one movie (ids 1..Users). Default 162,541 (ml-25m).</summary>
    public int Users { get; init; } = 162_541;

    /// <summary>Number of movies in <c>movies.csv</c> (ids 1..Movies); unpopular ones may have no rating. Default 62,423 (ml-25m).</summary>
    public int Movies { get; init; } = 62_423;

    /// <summary>Exact number of rating lines. At least <see cref="Users"/> and at most <c>Users × Movies</c>. Default 25,000,095 (ml-25m).</summary>
    public long Ratings { get; init; } = 25_000_095;

    /// <summary>Seed of every random choice. Default 42.</summary>
    public long Seed { get; init; } = 42;

    /// <summary>Rank of the hidden taste model (length of the user and movie factor vectors), 1–256. Default 8.</summary>
    public int LatentFactors { get; init; } = 8;

    /// <summary>
    /// Exact number of tag application lines in <c>tags.csv</c> (0 writes a header-only file). Defaults to
    /// <c>Ratings / 22</c>, the ratio of ml-25m (1.09M tag applications per 25M ratings).
    /// </summary>
    public long TagApplications
    {
        get => _tagApplications ?? Ratings / 22;
        init => _tagApplications = value;
    }

    /// <summary>
    /// Minimum number of ratings per user, 20 like every MovieLens release. When <c>Ratings &lt; MinRatingsPerUser × Users</c>
    /// (or <see cref="Movies"/> is smaller) the minimum is relaxed to <c>min(MinRatingsPerUser, Ratings / Users, Movies)</c>;
    /// the summary reports the minimum applied.
    /// </summary>
    public int MinRatingsPerUser { get; init; } = 20;

    /// <summary>Centre of the hidden model in stars, before noise, rounding and clipping. Default 3.65 (the files then average about 3.56–3.59 stars and 4.0 is the most common rating, like MovieLens).</summary>
    public double GlobalMean { get; init; } = 3.65;

    /// <summary>Standard deviation of the per-user bias, in stars. Default 0.45.</summary>
    public double UserBiasStd { get; init; } = 0.45;

    /// <summary>Standard deviation of the per-movie bias, in stars (before the fixed per-genre offsets). Default 0.4.</summary>
    public double MovieBiasStd { get; init; } = 0.4;

    /// <summary>Standard deviation of the latent-factor interaction <c>p_u · q_m</c>, in stars. Default 0.45.</summary>
    public double InteractionStd { get; init; } = 0.45;

    /// <summary>Share (0–1) of a movie's latent-factor variance explained by its genres, which makes genres informative about taste. Default 0.5.</summary>
    public double GenreFactorShare { get; init; } = 0.5;

    /// <summary>Standard deviation of each user's affinity to each genre, in stars; a rating gets the mean affinity over the movie's genres. Default 0.3.</summary>
    public double GenreEffectStd { get; init; } = 0.3;

    /// <summary>Standard deviation of the Gaussian noise added to every rating before rounding, in stars. Default 0.7 (with the defaults, ratings have a standard deviation of about 1.0 star, a per-user and per-movie mean baseline reaches about 0.82 RMSE, and the noise floor is about 0.74).</summary>
    public double NoiseStd { get; init; } = 0.7;

    /// <summary>Exponent <c>s</c> of the movie popularity law <c>((r + o) / (1 + o))^-s</c>; 0 makes all movies equally popular. Default 2.2.</summary>
    public double MoviePopularityExponent { get; init; } = 2.2;

    /// <summary>
    /// Offset <c>o</c> of the movie popularity law, in ranks; larger flattens the head. Default 200: on the 25M-rating
    /// default the top movie gets about 76,000 ratings (ml-25m: 81,491), the median movie about 7 and about 4% of movies
    /// none; on ml-latest-small's size the top movie is rated by most users and the top 10% of movies take most ratings.
    /// </summary>
    public double MoviePopularityOffset { get; init; } = 200;

    /// <summary>Log-standard-deviation of the log-normal user activity weights (ratings above the minimum); 0 gives all users the same count. Default 1.4.</summary>
    public double UserActivitySigma { get; init; } = 1.4;

    /// <summary>Number of distinct tag words available (ranked by popularity), 1–100,000. Default 1000.</summary>
    public int TagVocabulary { get; init; } = 1000;

    /// <summary>Exponent of the tag popularity law <c>((r + TagPopularityOffset) / (1 + TagPopularityOffset))^-TagPopularityExponent</c>. Default 2.5.</summary>
    public double TagPopularityExponent { get; init; } = 2.5;

    /// <summary>
    /// Offset of the tag popularity law, in ranks. Default 200: with the default sizes the most used tag takes under 2%
    /// of tag applications and about 660 of the 1000 tags reach the loader's default minimum count of 200.
    /// </summary>
    public double TagPopularityOffset { get; init; } = 200;

    /// <summary>Share of users who apply tags (0–1]; ml-25m: 9%. Tag activity among them is very skewed. Default 0.09.</summary>
    public double TaggerFraction { get; init; } = 0.09;

    /// <summary>
    /// Worker threads used to generate ratings and tags (null: all processors). Changes only speed, never the files;
    /// it is not written to <c>README.txt</c>.
    /// </summary>
    public int? MaxDegreeOfParallelism { get; init; }

    /// <summary>Throws an <see cref="ArgumentException"/> naming the first option that is out of range.</summary>
    public void Validate()
    {
        Require(Users >= 1, nameof(Users), $"must be at least 1 (got {Users}).");
        Require(Movies >= 1, nameof(Movies), $"must be at least 1 (got {Movies}).");
        Require(Ratings >= Users, nameof(Ratings), $"must be at least Users = {Users:N0} so that every user has a rating (got {Ratings:N0}).");
        Require(Ratings <= (long)Users * Movies, nameof(Ratings),
            $"must be at most Users × Movies = {(long)Users * Movies:N0}: a user rates a movie at most once (got {Ratings:N0}).");
        Require(LatentFactors is >= 1 and <= 256, nameof(LatentFactors), $"must be between 1 and 256 (got {LatentFactors}).");
        Require((long)Movies * LatentFactors <= Array.MaxLength, nameof(Movies),
            $"× LatentFactors must fit one array ({Array.MaxLength:N0} factors; got {Movies:N0} × {LatentFactors}).");
        Require(TagApplications is >= 0 and <= int.MaxValue, nameof(TagApplications), $"must be between 0 and {int.MaxValue:N0} (got {TagApplications:N0}).");
        Require(MinRatingsPerUser >= 1, nameof(MinRatingsPerUser), $"must be at least 1 (got {MinRatingsPerUser}).");
        Require(double.IsFinite(GlobalMean) && GlobalMean is >= 0.5 and <= 5.0, nameof(GlobalMean), $"must be between 0.5 and 5 stars (got {GlobalMean}).");
        RequireNonNegative(UserBiasStd, nameof(UserBiasStd));
        RequireNonNegative(MovieBiasStd, nameof(MovieBiasStd));
        RequireNonNegative(InteractionStd, nameof(InteractionStd));
        RequireNonNegative(GenreEffectStd, nameof(GenreEffectStd));
        RequireNonNegative(NoiseStd, nameof(NoiseStd));
        Require(GenreFactorShare is >= 0 and <= 1, nameof(GenreFactorShare), $"must be between 0 and 1 (got {GenreFactorShare}).");
        RequireNonNegative(MoviePopularityExponent, nameof(MoviePopularityExponent));
        RequireNonNegative(MoviePopularityOffset, nameof(MoviePopularityOffset));
        Require(UserActivitySigma is >= 0 and <= 10, nameof(UserActivitySigma), $"must be between 0 and 10 (got {UserActivitySigma}).");
        Require(TagVocabulary is >= 1 and <= 100_000, nameof(TagVocabulary), $"must be between 1 and 100,000 (got {TagVocabulary}).");
        RequireNonNegative(TagPopularityExponent, nameof(TagPopularityExponent));
        RequireNonNegative(TagPopularityOffset, nameof(TagPopularityOffset));
        Require(TaggerFraction is > 0 and <= 1, nameof(TaggerFraction), $"must be in (0, 1] (got {TaggerFraction}).");
        Require(MaxDegreeOfParallelism is null or >= 1, nameof(MaxDegreeOfParallelism), $"must be null or at least 1 (got {MaxDegreeOfParallelism}).");
    }

    /// <summary>
    /// The per-user minimum actually applied: <see cref="MinRatingsPerUser"/>, relaxed to <c>Ratings / Users</c> when
    /// there are too few ratings and to <see cref="Movies"/> when there are too few movies.
    /// </summary>
    public int EffectiveMinRatingsPerUser =>
        Users <= 0 || Movies <= 0 ? MinRatingsPerUser : (int)Math.Max(1, Math.Min(Math.Min(MinRatingsPerUser, Ratings / Users), Movies));

    private static void Require(bool condition, string name, string problem)
    {
        if (!condition) throw new ArgumentException($"SyntheticOptions.{name} {problem}", name);
    }

    private static void RequireNonNegative(double value, string name) =>
        Require(double.IsFinite(value) && value >= 0, name, $"must be a finite number ≥ 0 (got {value}).");
}
