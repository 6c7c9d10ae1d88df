namespace HybridRec.Serving;

/// <summary>
/// Settings of the HybridRec endpoints and model provider (<see cref="HybridRecServiceCollectionExtensions.AddHybridRec"/>),
/// bound from the configuration section <see cref="SectionName"/> and then from the delegate given to AddHybridRec.
/// </summary>
public sealed record HybridRecServingOptions
{
    /// <summary>The configuration section the options are bound from (e.g. <c>HybridRec:ModelPath</c>, environment <c>HybridRec__ModelPath</c>).</summary>
    public const string SectionName = "HybridRec";

    /// <summary>Default <see cref="MaxCount"/>.</summary>
    public const int DefaultMaxCount = 100;

    /// <summary>The model file (<c>.hrec</c>, written by <c>HybridModel.Save</c>). Required. The file may appear after start-up; until it loads, the endpoints answer 503 and <c>/health/ready</c> is unhealthy.</summary>
    public string? ModelPath { get; set; }

    /// <summary>Whether a replaced model file is loaded and swapped in while serving (a file watcher, with <see cref="ReloadCheckInterval"/> as the fallback). Default true.</summary>
    public bool ReloadOnChange { get; set; } = true;

    /// <summary>How often the model file is checked for a change besides the file watcher's events (and, while no model is loaded, for its appearance). Default 10 s.</summary>
    public TimeSpan ReloadCheckInterval { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>How long after the last file-watcher event the file is read (a copy in progress raises several events). Default 250 ms.</summary>
    public TimeSpan ReloadDebounce { get; set; } = TimeSpan.FromMilliseconds(250);

    /// <summary>The largest request body the endpoints read, in bytes; larger bodies get 413. Default 64 KiB.</summary>
    public long MaxRequestBodyBytes { get; set; } = 64 * 1024;

    /// <summary>The most ratings one cold-start request (<c>POST /recommendations</c>) may hold; more get 400. Default 200.</summary>
    public int MaxColdStartRatings { get; set; } = 200;

    /// <summary>The largest <c>count</c> a request may ask for (1..MaxCount, otherwise 400). Default <see cref="DefaultMaxCount"/>.</summary>
    public int MaxCount { get; set; } = DefaultMaxCount;

    /// <summary>The number of recommendations when a request gives no <c>count</c>. Default 3.</summary>
    public int DefaultCount { get; set; } = 3;

    /// <summary>The number of similar movies when <c>GET /movies/{movieId}/similar</c> gives no <c>count</c>. Default 10.</summary>
    public int DefaultSimilarCount { get; set; } = 10;

    /// <summary>
    /// Whether one request scores the catalogue with a parallel loop (<c>HybridModel.Recommend</c>). Default false: each
    /// request scores on its own thread (<c>HybridModel.Recommend</c> without <c>RecommendOptions.Parallel</c>), which serves more requests per second under
    /// concurrent load (docs/serving.md has the measurement); true only helps a server that sees one request at a time.
    /// </summary>
    public bool ParallelScoring { get; set; }

    /// <summary>
    /// How many known users' recommendation lists are kept per loaded model (the best <see cref="MaxCount"/> items, so
    /// any count is served from them; dropped with the model on reload); 0 turns the cache off. Default 10,000
    /// (about 8 KB each at the default MaxCount).
    /// </summary>
    public int RecommendationCacheUsers { get; set; } = 10_000;

    /// <summary>
    /// Movies with fewer training ratings are never returned by <c>GET /movies/{movieId}/similar</c> or by the cold-start
    /// recommender (they can still be queried). Rarely rated movies have small embeddings (the whole-table L2 pulls
    /// them towards zero) whose direction, and so their cosine similarity, is mostly noise: on ml-latest-small, without
    /// this floor, films rated once or twice fill the lists. Default 10; 0 keeps every movie.
    /// </summary>
    public int CandidateMinTrainingRatings { get; set; } = 10;

    /// <summary>Whether <c>MapHybridRec</c> also maps <c>/health/live</c> and <c>/health/ready</c>. Default true.</summary>
    public bool MapHealthChecks { get; set; } = true;

    /// <summary>The problems with these options, one message per invalid setting (empty when valid).</summary>
    public IReadOnlyList<string> Problems()
    {
        var problems = new List<string>();
        if (string.IsNullOrWhiteSpace(ModelPath)) problems.Add($"{SectionName}:{nameof(ModelPath)} is required (the .hrec model file to serve).");
        if (ReloadCheckInterval <= TimeSpan.Zero) problems.Add($"{nameof(ReloadCheckInterval)} must be positive (got {ReloadCheckInterval}).");
        if (ReloadDebounce < TimeSpan.Zero) problems.Add($"{nameof(ReloadDebounce)} must not be negative (got {ReloadDebounce}).");
        if (MaxRequestBodyBytes < 1024) problems.Add($"{nameof(MaxRequestBodyBytes)} must be at least 1024 (got {MaxRequestBodyBytes}).");
        if (MaxColdStartRatings < 1) problems.Add($"{nameof(MaxColdStartRatings)} must be at least 1 (got {MaxColdStartRatings}).");
        if (MaxCount is < 1 or > 10_000) problems.Add($"{nameof(MaxCount)} must be in 1..10000 (got {MaxCount}).");
        if (DefaultCount < 1 || DefaultCount > MaxCount) problems.Add($"{nameof(DefaultCount)} must be in 1..{nameof(MaxCount)} ({MaxCount}) (got {DefaultCount}).");
        if (DefaultSimilarCount < 1 || DefaultSimilarCount > MaxCount) problems.Add($"{nameof(DefaultSimilarCount)} must be in 1..{nameof(MaxCount)} ({MaxCount}) (got {DefaultSimilarCount}).");
        if (CandidateMinTrainingRatings < 0) problems.Add($"{nameof(CandidateMinTrainingRatings)} must not be negative (got {CandidateMinTrainingRatings}).");
        if (RecommendationCacheUsers < 0) problems.Add($"{nameof(RecommendationCacheUsers)} must not be negative (got {RecommendationCacheUsers}).");
        return problems;
    }
}
