using HybridRec.Data;
using HybridRec.Model.Evaluation;
using HybridRec.Model.Parameters;
using HybridRec.Model.Recommendation;
using HybridRec.Model.Scoring;
using HybridRec.Model.Serialization;

namespace HybridRec.Model;

/// <summary>
/// A trained hybrid recommender: the architecture, the parameters, and everything needed to serve it without
/// the dataset — id maps, item names, the feature groups of its towers, the rating scale and each user's training
/// history. Prediction and recommendation run on the CPU (in the serving form of <see cref="MemberScorer"/>, built on
/// first use) and are safe to call from several threads.
/// </summary>
public sealed partial class HybridModel : IItemRanker
{
    private const int PredictChunk = 4096;
    private readonly RetryingLazy<MemberScorer[]> _scorers;
    private readonly RetryingLazy<int[]> _itemCounts;

    internal HybridModel(string datasetName, HybridModelOptions options, RatingScale scale, float globalOffset, IdMap users, IdMap items,
        IReadOnlyList<string> itemNames, FeatureGroupCollection itemFeatures, FeatureGroupCollection userFeatures, UserHistory history, IReadOnlyList<float[]> members)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        DatasetName = datasetName;
        Options = options;
        Scale = scale;
        GlobalOffset = globalOffset;
        Users = users;
        Items = items;
        ItemNames = Array.AsReadOnly(itemNames.ToArray());   // a consumer cannot cast it back to an array and rename items
        ItemFeatures = itemFeatures;
        UserFeatures = userFeatures;
        History = history;
        Layout = new ParameterLayout(TowerFeatures.Dimensions(users.Count, items.Count, itemFeatures, userFeatures), options);
        if (members.Count == 0) throw new ArgumentException("a model needs at least one parameter set.");
        foreach (var parameters in members)
            if (parameters.Length != Layout.Count)
                throw new ArgumentException($"the layout needs {Layout.Count:N0} parameters but {parameters.Length:N0} were given.");
        if (itemNames.Count != items.Count || itemFeatures.Any(g => g.Rows != items.Count) || userFeatures.Any(g => g.Rows != users.Count) || history.Users != users.Count)
            throw new ArgumentException("item names, feature groups and history must match the id maps.");
        if (ModelChecks.ScaleProblem(scale) is { } scaleProblem) throw new ArgumentException($"rating scale {scale}: {scaleProblem}.");
        if (!ParameterCheck.InRange(globalOffset)) throw new ArgumentException($"the global offset is {ParameterCheck.Describe(globalOffset)}.");
        if (ModelChecks.CompressedRowsProblem(history.OffsetArray, history.ItemArray, users.Count, items.Count) is { } historyProblem)
            throw new ArgumentException($"user histories: {historyProblem}.");
        for (int k = 0; k < members.Count; k++)
            if (ParameterCheck.Describe(Layout, members[k]) is { } nonFinite)
                throw new ArgumentException($"member {k + 1} of {members.Count}: {nonFinite}; a model's parameters are finite and within ±1e6, so its predictions are finite.");
        Members = members;
        // Built on first use; a failure (e.g. out of memory) is not cached: the next call builds again.
        _scorers = new RetryingLazy<MemberScorer[]>(() =>
        {
            BeforeServingFormBuild?.Invoke();
            return Members.Select(p => new MemberScorer(Layout, p, ItemFeatures, UserFeatures, GlobalOffset, Options.RankingRatingBlend)).ToArray();
        });
        _itemCounts = new RetryingLazy<int[]>(() => History.ItemCounts(Items.Count));
    }

    /// <summary>Called before the serving form is built (tests inject failures with it).</summary>
    internal Action? BeforeServingFormBuild { get; set; }

    /// <summary>
    /// Wraps trained parameters with the dataset's metadata. <paramref name="train"/> is the training split (its
    /// ratings define which items each user has already seen); the towers are over the feature groups
    /// <paramref name="options"/> selects from the dataset. Throws <see cref="ArgumentException"/> naming the first
    /// rating of <paramref name="train"/> whose indices do not fit the dataset, and when a parameter is NaN, ±∞ or beyond
    /// ±10⁶ or the parameter count is not the layout's. The parameters are copied: changing the array afterwards does
    /// not change the model.
    /// </summary>
    public static HybridModel Create(RatingDataset dataset, RatingTable train, HybridModelOptions options, float globalOffset, float[] parameters) =>
        Create(dataset, train, options, globalOffset, [parameters]);

    /// <summary>As <see cref="Create(RatingDataset, RatingTable, HybridModelOptions, float, float[])"/> for an ensemble whose members' predictions are averaged.</summary>
    public static HybridModel Create(RatingDataset dataset, RatingTable train, HybridModelOptions options, float globalOffset, IReadOnlyList<float[]> members)
    {
        ArgumentNullException.ThrowIfNull(dataset);
        ArgumentNullException.ThrowIfNull(train);
        ArgumentNullException.ThrowIfNull(options);
        Training.TrainingInputs.Check(dataset, train, "training table", allowEmpty: true);
        return new HybridModel(dataset.Name, options, dataset.Scale, globalOffset, dataset.Users, dataset.Items, dataset.ItemNames,
            dataset.ItemFeatures.Select(options.ItemFeatureGroups), dataset.UserFeatures.Select(options.UserFeatureGroups),
            UserHistory.FromRatings(train, dataset.Users.Count), CopyMembers(members));
    }

    /// <summary>
    /// This model with β of the ranking score set to <paramref name="ratingBlend"/>
    /// (<see cref="HybridModelOptions.RankingRatingBlend"/>): the same parameters, ranked by P3·Q3 + r + β·(predicted
    /// rating on [0, 1]). Training does not depend on β, so it can be chosen after training, on validation data. Throws
    /// <see cref="ArgumentException"/> for β outside [0, <see cref="HybridModelOptions.MaxRankingRatingBlend"/>] or
    /// β &gt; 0 on a model without a ranking head.
    /// </summary>
    public HybridModel WithRankingRatingBlend(float ratingBlend) =>
        ratingBlend.Equals(Options.RankingRatingBlend)
            ? this
            : new HybridModel(DatasetName, Options with { RankingRatingBlend = ratingBlend }, Scale, GlobalOffset, Users, Items, ItemNames, ItemFeatures,
                UserFeatures, History, Members);

    private static float[][] CopyMembers(IReadOnlyList<float[]> members)
    {
        ArgumentNullException.ThrowIfNull(members);
        var copies = new float[members.Count][];
        for (int k = 0; k < copies.Length; k++)
            copies[k] = (float[])(members[k] ?? throw new ArgumentException($"member {k + 1} of {members.Count} is null.", nameof(members))).Clone();
        return copies;
    }

    /// <summary>Name of the dataset the model was trained on.</summary>
    public string DatasetName { get; }

    /// <summary>The architecture.</summary>
    public HybridModelOptions Options { get; }

    /// <summary>The parameter layout.</summary>
    internal ParameterLayout Layout { get; }

    /// <summary>The rating scale (to convert normalised predictions to ratings).</summary>
    public RatingScale Scale { get; }

    /// <summary>The fixed offset μ added to predictions when the model has biases.</summary>
    public float GlobalOffset { get; }

    /// <summary>Users known to the model.</summary>
    public IdMap Users { get; }

    /// <summary>Items known to the model.</summary>
    public IdMap Items { get; }

    /// <summary>Item names by item index (empty strings where the data has none).</summary>
    public IReadOnlyList<string> ItemNames { get; }

    /// <summary>The item feature groups of the model's item towers, in tower order (rows = item indices).</summary>
    public FeatureGroupCollection ItemFeatures { get; }

    /// <summary>The user feature groups of the model's user towers, in tower order (rows = user indices).</summary>
    public FeatureGroupCollection UserFeatures { get; }

    /// <summary>Items each user rated in training.</summary>
    public UserHistory History { get; }

    /// <summary>The trained parameter sets (layout order), one per ensemble member; predictions average them. Do not modify.</summary>
    internal IReadOnlyList<float[]> Members { get; }

    /// <summary>The number of ensemble members; predictions average them.</summary>
    public int MemberCount => Members.Count;

    /// <summary>
    /// Normalised predictions (clipped to [0, 1]) for (user index, item index) pairs. Throws
    /// <see cref="ArgumentException"/> when the lengths differ (or <paramref name="output"/> is shorter) and
    /// <see cref="ArgumentOutOfRangeException"/> naming the first index that is not a user or item index of the model.
    /// </summary>
    public void PredictNormalized(ReadOnlySpan<int> users, ReadOnlySpan<int> items, Span<float> output)
    {
        if (users.Length != items.Length || output.Length < users.Length)
            throw new ArgumentException($"users ({users.Length:N0}), items ({items.Length:N0}) and output ({output.Length:N0}) lengths differ.");
        CheckIndices(users, Users.Count, nameof(users), "a user");
        CheckIndices(items, Items.Count, nameof(items), "an item");
        PredictRaw(users, items, output, parallel: true);
        for (int i = 0; i < users.Length; i++) output[i] = Math.Clamp(output[i], 0f, 1f);
    }

    private static void CheckIndices(ReadOnlySpan<int> indices, int count, string parameter, string what)
    {
        for (int i = 0; i < indices.Length; i++)
            if ((uint)indices[i] >= (uint)count)
                throw new ArgumentOutOfRangeException(parameter, indices[i], $"{parameter}[{i:N0}] is {indices[i]}, not {what} index of the model (0 to {count - 1:N0}).");
    }

    /// <summary>Unclipped normalised predicted ratings, averaged over the members.</summary>
    private void PredictRaw(ReadOnlySpan<int> users, ReadOnlySpan<int> items, Span<float> output, bool parallel)
    {
        if (users.Length != items.Length || output.Length < users.Length) throw new ArgumentException("users, items and output lengths differ.");
        var scorers = _scorers.Value;
        int n = users.Length;
        if (!parallel || n <= PredictChunk)
        {
            for (int i = 0; i < n; i++) output[i] = Average(scorers, users[i], items[i], MemberOutput.Rating);
            return;
        }
        int[] u = users.ToArray(), m = items.ToArray();
        var result = new float[n];
        ForEachChunk(n, (from, to) => { for (int i = from; i < to; i++) result[i] = Average(scorers, u[i], m[i], MemberOutput.Rating); });
        result.AsSpan().CopyTo(output);
    }

    // [0, n) in chunks of PredictChunk, in parallel.
    private static void ForEachChunk(int n, Action<int, int> body) =>
        Parallel.For(0, (n + PredictChunk - 1) / PredictChunk, c => body(c * PredictChunk, Math.Min(n, (c + 1) * PredictChunk)));

    /// <summary>Which output of a member <see cref="Average"/> reads.</summary>
    private enum MemberOutput { Rating, Score }

    // The members' mean of one output, summed in double in member order.
    private static float Average(MemberScorer[] scorers, int user, int item, MemberOutput output)
    {
        if (scorers.Length == 1) return Read(scorers[0], user, item, output);
        double sum = 0;
        foreach (var s in scorers) sum += Read(s, user, item, output);
        return (float)(sum / scorers.Length);
    }

    private static float Read(MemberScorer scorer, int user, int item, MemberOutput output) =>
        output == MemberOutput.Score ? scorer.Score(user, item) : scorer.PredictRating(user, item);

    /// <summary>
    /// The ranking score (what <see cref="Recommend(int, RecommendOptions?)"/> orders by, see
    /// <see cref="Recommendation.Recommendation.Score"/>) of every item for user index <paramref name="user"/>, averaged
    /// over the members; on the calling thread, or in parallel chunks of the catalogue when <paramref name="parallel"/>.
    /// </summary>
    internal void ScoreItems(int user, Span<float> scores, bool parallel)
    {
        int items = Items.Count;
        if (scores.Length != items) throw new ArgumentException($"expected {items} scores, got a span of {scores.Length}.", nameof(scores));
        var scorers = _scorers.Value;
        if (parallel && items > PredictChunk)
        {
            var result = new float[items];
            ForEachChunk(items, (from, to) => { for (int m = from; m < to; m++) result[m] = Average(scorers, user, m, MemberOutput.Score); });
            result.AsSpan().CopyTo(scores);
        }
        else
        {
            for (int m = 0; m < items; m++) scores[m] = Average(scorers, user, m, MemberOutput.Score);
        }
    }

    /// <inheritdoc />
    int IItemRanker.ItemCount => Items.Count;

    /// <inheritdoc />
    void IItemRanker.ScoreItems(int user, Span<float> scores)
    {
        if ((uint)user >= (uint)Users.Count) throw new ArgumentOutOfRangeException(nameof(user), user, $"user index must be in [0, {Users.Count}).");
        ScoreItems(user, scores, parallel: false);
    }

    /// <summary>Predicted rating (clipped to the scale) of raw <paramref name="userId"/> for raw <paramref name="itemId"/>.</summary>
    public float PredictStars(int userId, int itemId)
    {
        int u = UserIndex(userId);
        if (!Items.TryGetIndex(itemId, out int m)) throw new KeyNotFoundException($"item {itemId} is not in the model ({Items.Count:N0} items).");
        return Stars(u, m);
    }

    /// <summary>The clipped predicted rating of user index <paramref name="user"/> for item index <paramref name="item"/>, on the scale.</summary>
    private float Stars(int user, int item) => Scale.Denormalize(Math.Clamp(Average(_scorers.Value, user, item, MemberOutput.Rating), 0f, 1f));

    /// <summary>
    /// How many users rated raw item <paramref name="itemId"/> in the training data (from the users' histories the
    /// model holds; the loaders keep one rating per user and item, so this is its number of training ratings).
    /// Throws <see cref="KeyNotFoundException"/> for an item the model does not know.
    /// </summary>
    public int TrainingRatingCount(int itemId)
    {
        if (!Items.TryGetIndex(itemId, out int m)) throw new KeyNotFoundException($"item {itemId} is not in the model ({Items.Count:N0} items).");
        return _itemCounts.Value[m];
    }

    /// <summary>
    /// The <paramref name="count"/> best items for raw user <paramref name="userId"/> among those the user did not
    /// rate in training, best first: <see cref="Recommend(int, RecommendOptions?)"/> with that count and the other
    /// options at their defaults.
    /// </summary>
    public IReadOnlyList<Recommendation.Recommendation> Recommend(int userId, int count) =>
        Recommend(userId, new RecommendOptions { Count = count });

    /// <summary>
    /// Recommendations for raw user <paramref name="userId"/>: the candidates (by default every item the user did
    /// not rate in training; see <see cref="RecommendOptions"/>) ranked by their score (highest first, ties by
    /// lower raw item id), with each one's predicted rating. Runs on the calling thread unless
    /// <see cref="RecommendOptions.Parallel"/>. Throws <see cref="UnknownUserException"/> for an unknown user and
    /// <see cref="ArgumentOutOfRangeException"/> for invalid options.
    /// </summary>
    public IReadOnlyList<Recommendation.Recommendation> Recommend(int userId, RecommendOptions? options = null)
    {
        options ??= RecommendOptions.Default;
        options.Validate();
        int u = UserIndex(userId);
        return RecommendFor(u, options, Blocked(options), new float[Items.Count], options.Parallel);
    }

    /// <summary>
    /// <see cref="Recommend(int, RecommendOptions?)"/> for each of <paramref name="userIds"/>, in that order; the same
    /// lists as one call per user. Every id is checked before any is scored (<see cref="UnknownUserException"/> names
    /// the first unknown one). With <see cref="RecommendOptions.Parallel"/> the users are scored in parallel.
    /// </summary>
    public IReadOnlyList<IReadOnlyList<Recommendation.Recommendation>> Recommend(IReadOnlyList<int> userIds, RecommendOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(userIds);
        options ??= RecommendOptions.Default;
        options.Validate();
        var users = new int[userIds.Count];
        for (int i = 0; i < users.Length; i++) users[i] = UserIndex(userIds[i]);
        var blocked = Blocked(options);
        var result = new IReadOnlyList<Recommendation.Recommendation>[users.Length];
        if (options.Parallel)
            Parallel.For(0, users.Length, () => new float[Items.Count], (i, _, scores) =>
            {
                result[i] = RecommendFor(users[i], options, blocked, scores, parallel: false);
                return scores;
            }, _ => { });
        else
        {
            var scores = new float[Items.Count];
            for (int i = 0; i < users.Length; i++) result[i] = RecommendFor(users[i], options, blocked, scores, parallel: false);
        }
        return result;
    }

    /// <summary>The items <paramref name="options"/> rules out for every user (excluded ids, too few training ratings), or null when none.</summary>
    private bool[]? Blocked(RecommendOptions options)
    {
        if (options.MinTrainingRatings == 0 && (options.ExcludeItems is null || options.ExcludeItems.Count == 0)) return null;
        var blocked = new bool[Items.Count];
        if (options.MinTrainingRatings > 0)
        {
            var counts = _itemCounts.Value;
            for (int m = 0; m < blocked.Length; m++) blocked[m] = counts[m] < options.MinTrainingRatings;
        }
        if (options.ExcludeItems is { } excluded)
            foreach (int id in excluded)
                if (Items.TryGetIndex(id, out int m)) blocked[m] = true;
        return blocked;
    }

    /// <summary>One user's recommendations; <paramref name="scores"/> (length M) is scratch space.</summary>
    private IReadOnlyList<Recommendation.Recommendation> RecommendFor(int user, RecommendOptions options, bool[]? blocked, float[] scores, bool parallel)
    {
        ScoreItems(user, scores, parallel);
        var top = TopItems.Select(scores, options.ExcludeRated ? History.Of(user) : [], options.Count, blocked);
        var list = new Recommendation.Recommendation[top.Length];
        for (int i = 0; i < top.Length; i++)
        {
            int m = top[i];
            list[i] = new Recommendation.Recommendation(Items.GetRawId(m), ItemNames[m], scores[m], Stars(user, m));
        }
        return list;
    }

    /// <summary>RMSE and MAE (normalised and on the rating scale, predictions clipped) on <paramref name="ratings"/>.</summary>
    public RatingMetrics Evaluate(RatingTable ratings)
    {
        ArgumentNullException.ThrowIfNull(ratings);
        var predictions = new float[ratings.Count];
        PredictNormalized(ratings.Users, ratings.Items, predictions);
        var targets = new float[ratings.Count];
        for (int i = 0; i < targets.Length; i++) targets[i] = Scale.Normalize(ratings.Stars[i]);
        return RatingMetrics.Compute(predictions, targets, Scale.Range);
    }

    /// <summary>Writes the model to one file atomically (temp file, then rename). See <see cref="ModelFile"/>.</summary>
    public void Save(string path) => ModelFile.Save(this, path);

    /// <summary>Writes the model to <paramref name="stream"/> at its position, in the model file format (the stream is not closed).</summary>
    public void Save(Stream stream) => ModelFile.Save(this, stream);

    /// <summary>As <see cref="Save(string)"/>, asynchronously.</summary>
    public Task SaveAsync(string path, CancellationToken cancellationToken = default) => ModelFile.SaveAsync(this, path, cancellationToken);

    /// <summary>As <see cref="Save(Stream)"/>, asynchronously.</summary>
    public Task SaveAsync(Stream stream, CancellationToken cancellationToken = default) => ModelFile.SaveAsync(this, stream, cancellationToken);

    /// <summary>
    /// Reads a model written by <see cref="Save(string)"/> (format version 1 or 2). A file that is truncated, corrupted,
    /// foreign or inconsistent throws <see cref="InvalidDataException"/> whose message names the file and the problem
    /// (see <see cref="ModelFile"/>); a missing file <see cref="FileNotFoundException"/>.
    /// </summary>
    public static HybridModel Load(string path) => ModelFile.Load(path);

    /// <summary>Reads one model from <paramref name="stream"/> (see <see cref="ModelFile.Load(Stream, string?)"/>); errors name <paramref name="sourceName"/>.</summary>
    public static HybridModel Load(Stream stream, string? sourceName = null) => ModelFile.Load(stream, sourceName);

    /// <summary>As <see cref="Load(string)"/>, asynchronously.</summary>
    public static Task<HybridModel> LoadAsync(string path, CancellationToken cancellationToken = default) => ModelFile.LoadAsync(path, cancellationToken);

    /// <summary>As <see cref="Load(Stream, string?)"/>, asynchronously.</summary>
    public static Task<HybridModel> LoadAsync(Stream stream, string? sourceName = null, CancellationToken cancellationToken = default) =>
        ModelFile.LoadAsync(stream, sourceName, cancellationToken);

    internal int UserIndex(int userId)
    {
        if (Users.TryGetIndex(userId, out int u)) return u;
        throw new UnknownUserException(userId, Users.Count, Users.Count > 0 ? Users.GetRawId(0) : 0, Users.Count > 0 ? Users.GetRawId(Users.Count - 1) : 0);
    }
}
