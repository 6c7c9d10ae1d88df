using HybridRec.Data;
using HybridRec.Model.ColdStart;
using HybridRec.Model.Recommendation;
using HybridRec.Model.Scoring;

namespace HybridRec.Model;

// Cold start: new users folded in from their ratings, new items scored from their features (docs/serving.md, "Cold start").
public sealed partial class HybridModel
{
    /// <summary>
    /// Fits a user the model was not trained on from <paramref name="ratings"/> (raw item id, rating on the scale), with
    /// the rest of the network frozen: for each ensemble member, every per-user row of the layout (user_cf, user_nn and,
    /// with biases, user_bias) is fitted from zero on the mean squared error of the normalised ratings plus the L2 weight
    /// training gives a user with that many ratings (<see cref="FoldInOptions.L2Scale"/>), in the serving form. With a
    /// ranking head the user_rank row is fitted too — a full softmax over all items with the rated items as positives and
    /// the prior λe + <see cref="FoldInOptions.RankingPrior"/>/k on the row — so the folded-in user ranks by the head's
    /// score like known users. The default solver (<see cref="FoldInSolver.Newton"/>) is second order: Gauss-Newton on the
    /// rating rows (a ridge regression per ReLU pattern) and, on the convex ranking objective, an exact Newton step from
    /// moments cached per model followed by a few quasi-Newton passes over the items; 0.3–0.7 ms per member on
    /// the tuned default model with up to 20 ratings (docs/serving.md). Deterministic: no randomness and no threads are involved, so equal inputs give
    /// equal rows on every machine and thread count; thread-safe (the cache is built once, read lock-free; the first
    /// fold-in builds it — call <c>FoldInUser([])</c> after loading to keep that off the first request). With no
    /// ratings the user gets zero rows (the prior) and <see cref="Recommend(FoldedInUser, RecommendOptions?)"/> returns
    /// the most popular items.
    /// <para>
    /// <paramref name="userFeatures"/> (feature group name → values) feeds the user towers when the model has any; a
    /// group not given is an empty bag, as for a training user without a value. Throws
    /// <see cref="ArgumentException"/> naming the entry for an item the model does not know, an item rated twice, a
    /// rating outside the scale, or an unknown feature group or value.
    /// </para>
    /// </summary>
    public FoldedInUser FoldInUser(IReadOnlyList<(int ItemId, float Rating)> ratings, FoldInOptions? options = null,
        IReadOnlyDictionary<string, IReadOnlyList<string>>? userFeatures = null)
    {
        ArgumentNullException.ThrowIfNull(ratings);
        options ??= FoldInOptions.Default;
        options.Validate();
        var (items, targets) = FoldInTargets(ratings);
        int k = items.Length;
        var towerFeatures = FeatureIndices(UserFeatures, Layout.UserTowers.Select(t => t.Group).ToArray(), userFeatures, nameof(userFeatures));
        var (l2, rankL2) = FoldInL2(k, options);
        var scorers = _scorers.Value;
        var rows = new UserRows[scorers.Length];
        double initial = 0, final = 0;
        for (int s = 0; s < scorers.Length; s++)
        {
            if (options.Solver == FoldInSolver.Newton) scorers[s].PrepareFoldIn();
            float towers = scorers[s].NewUserTowers(Layout, towerFeatures);
            var fit = scorers[s].FitUser(Layout, items, targets, towers, l2, rankL2, options);
            rows[s] = fit.Rows;
            initial += fit.InitialLoss;
            final += fit.FinalLoss;
        }
        var rated = (int[])items.Clone();
        Array.Sort(rated);
        return new FoldedInUser(this, ratings.ToArray(), rated, rows, initial / scorers.Length, final / scorers.Length);
    }

    /// <summary>Item indices and normalised targets of fold-in <paramref name="ratings"/>; throws <see cref="ArgumentException"/> naming the bad entry.</summary>
    internal (int[] Items, float[] Targets) FoldInTargets(IReadOnlyList<(int ItemId, float Rating)> ratings)
    {
        int k = ratings.Count;
        var items = new int[k];
        var targets = new float[k];
        var seen = new Dictionary<int, int>(k);
        for (int i = 0; i < k; i++)
        {
            var (itemId, rating) = ratings[i];
            if (!Items.TryGetIndex(itemId, out items[i]))
                throw new ArgumentException($"ratings[{i}]: item {itemId} is not in the model ({Items.Count:N0} items); a new item cannot be rated in a fold-in.", nameof(ratings));
            if (!seen.TryAdd(itemId, i))
                throw new ArgumentException($"ratings[{i}]: item {itemId} is rated twice (also in ratings[{seen[itemId]}]).", nameof(ratings));
            if (!(rating >= Scale.Min && rating <= Scale.Max))
                throw new ArgumentException($"ratings[{i}]: rating {rating} of item {itemId} is outside the model's scale ({Scale.Min} to {Scale.Max}).", nameof(ratings));
            targets[i] = Scale.Normalize(rating);
        }
        return (items, targets);
    }

    /// <summary>
    /// The L2 weights of a fold-in from <paramref name="k"/> ratings: the rating rows' is the weight training gives a user's
    /// rows per rating (λe per occurrence + λt once per step, N/k steps' worth); the head's user row gets λe per occurrence
    /// (the tuned default keeps the whole-table term off the head) plus the prior <see cref="FoldInOptions.RankingPrior"/>/k. Both times <see cref="FoldInOptions.L2Scale"/>.
    /// </summary>
    internal (float Rating, float Ranking) FoldInL2(int k, FoldInOptions options) =>
        (k == 0 ? 0f : options.L2Scale * (Options.EmbeddingL2 + Options.EmbeddingTableL2 * Math.Max(History.Items.Length, 1) / k),
         k == 0 ? 0f : options.L2Scale * (Options.EmbeddingL2 + options.RankingPrior / k));

    /// <summary>
    /// Recommendations for a folded-in user (<see cref="FoldInUser"/>): the candidates (by default every item the user
    /// did not rate in <see cref="FoldedInUser.Ratings"/>; see <see cref="RecommendOptions"/>) ranked by their score,
    /// as <see cref="Recommend(int, RecommendOptions?)"/> does for a known user. A user folded in from no ratings gets
    /// the items with the most training ratings, best first, each with score = its training ratings / the largest
    /// count (a non-personal list: popularity beats the prior user's predicted rating as a ranking) and the prior
    /// user's predicted rating. Throws <see cref="ArgumentException"/> for a user folded into another model.
    /// </summary>
    public IReadOnlyList<Recommendation.Recommendation> Recommend(FoldedInUser user, RecommendOptions? options = null)
    {
        CheckOwn(user);
        options ??= RecommendOptions.Default;
        options.Validate();
        var scores = new float[Items.Count];
        if (user.Ratings.Count == 0)
        {
            var counts = _itemCounts.Value;
            float most = Math.Max(1, counts.Length == 0 ? 1 : counts.Max());
            for (int m = 0; m < scores.Length; m++) scores[m] = counts[m] / most;
        }
        else
        {
            ScoreItems(user, scores, options.Parallel);
        }
        var top = TopItems.Select(scores, options.ExcludeRated ? user.RatedItems : [], options.Count, Blocked(options));
        var list = new Recommendation.Recommendation[top.Length];
        for (int i = 0; i < top.Length; i++)
        {
            int m = top[i];
            list[i] = new Recommendation.Recommendation(Items.GetRawId(m), ItemNames[m], scores[m], Stars(user, m));
        }
        return list;
    }

    /// <summary>The ranking score of every item for a folded-in user, averaged over the members (what <see cref="Recommend(FoldedInUser, RecommendOptions?)"/> orders by when it has ratings).</summary>
    public void ScoreItems(FoldedInUser user, Span<float> scores) => ScoreItems(user, scores, parallel: false);

    private void ScoreItems(FoldedInUser user, Span<float> scores, bool parallel)
    {
        CheckOwn(user);
        if (scores.Length != Items.Count) throw new ArgumentException($"expected {Items.Count} scores, got a span of {scores.Length}.", nameof(scores));
        var scorers = _scorers.Value;
        if (parallel && Items.Count > PredictChunk)
        {
            var result = new float[Items.Count];
            ForEachChunk(Items.Count, (from, to) => { for (int m = from; m < to; m++) result[m] = AverageFolded(scorers, user.Members, m, score: true); });
            result.AsSpan().CopyTo(scores);
        }
        else
        {
            for (int m = 0; m < scores.Length; m++) scores[m] = AverageFolded(scorers, user.Members, m, score: true);
        }
    }

    /// <summary>Predicted rating (clipped to the scale) of a folded-in user for raw <paramref name="itemId"/>.</summary>
    public float PredictStars(FoldedInUser user, int itemId)
    {
        CheckOwn(user);
        if (!Items.TryGetIndex(itemId, out int m)) throw new KeyNotFoundException($"item {itemId} is not in the model ({Items.Count:N0} items).");
        return Stars(user, m);
    }

    private float Stars(FoldedInUser user, int item) =>
        Scale.Denormalize(Math.Clamp(AverageFolded(_scorers.Value, user.Members, item, score: false), 0f, 1f));

    // The members' mean of a folded-in user's score or rating for one item, summed in double in member order.
    private static float AverageFolded(MemberScorer[] scorers, UserRows[] rows, int item, bool score)
    {
        double sum = 0;
        for (int s = 0; s < scorers.Length; s++) sum += score ? scorers[s].FoldedScore(rows[s], item) : scorers[s].FoldedRating(rows[s], item);
        return (float)(sum / scorers.Length);
    }

    /// <summary>
    /// Describes an item the model was not trained on by its feature values (item feature group name → values, e.g.
    /// <c>{"genres": ["Comedy", "Drama"], "tags": ["quirky"]}</c>), for <see cref="ScoreNewItem(int, NewItem)"/>. Its
    /// embeddings and item bias are zero — where training leaves an item without ratings — so the model scores it
    /// through the item towers and the user's side of the network: between two new items only the towers differ.
    /// A group not given is an empty bag. Throws <see cref="ArgumentException"/> for a group the model's towers do not
    /// use or a value outside the group's vocabulary (<see cref="ItemFeatures"/>).
    /// </summary>
    public NewItem DescribeNewItem(IReadOnlyDictionary<string, IReadOnlyList<string>> features, string name = "")
    {
        ArgumentNullException.ThrowIfNull(features);
        var towerFeatures = FeatureIndices(ItemFeatures, Layout.ItemTowers.Select(t => t.Group).ToArray(), features, nameof(features));
        var constants = _scorers.Value.Select(s => s.NewItemConstant(Layout, towerFeatures, GlobalOffset)).ToArray();
        return new NewItem(this, name ?? "", features.ToDictionary(p => p.Key, p => (IReadOnlyList<string>)p.Value.ToArray()), constants);
    }

    /// <summary>
    /// Score and predicted rating of raw user <paramref name="userId"/> for a new item (<see cref="DescribeNewItem"/>).
    /// The score is the unclipped normalised predicted rating: with a ranking head a new item has no head row, so its
    /// score is then not comparable with the known items' head scores.
    /// </summary>
    public ItemScore ScoreNewItem(int userId, NewItem item)
    {
        int u = UserIndex(userId);
        return NewItemScore(item, (s, scorer) => scorer.PredictNewItem(u, item.Constants[s]));
    }

    /// <summary>Score and predicted rating of a folded-in user for a new item (<see cref="DescribeNewItem"/>).</summary>
    public ItemScore ScoreNewItem(FoldedInUser user, NewItem item)
    {
        CheckOwn(user);
        return NewItemScore(item, (s, scorer) => scorer.PredictNewItem(user.Members[s], item.Constants[s]));
    }

    private ItemScore NewItemScore(NewItem item, Func<int, MemberScorer, float> predict)
    {
        ArgumentNullException.ThrowIfNull(item);
        if (!ReferenceEquals(item.Model, this)) throw new ArgumentException("the new item was described by another model.", nameof(item));
        var scorers = _scorers.Value;
        double sum = 0;
        for (int s = 0; s < scorers.Length; s++) sum += predict(s, scorers[s]);
        float rating = (float)(sum / scorers.Length);
        // A model trained on ratings only ranks by the unclipped normalised rating (MemberScorer.Score).
        return new ItemScore(rating, Scale.Denormalize(Math.Clamp(rating, 0f, 1f)));
    }

    /// <summary>The members' serving forms (tests).</summary>
    internal MemberScorer[] Scorers => _scorers.Value;

    private void CheckOwn(FoldedInUser user)
    {
        ArgumentNullException.ThrowIfNull(user);
        if (!ReferenceEquals(user.Model, this)) throw new ArgumentException("the user was folded into another model.", nameof(user));
    }

    /// <summary>Vocabulary indices of <paramref name="given"/> per tower group (in <paramref name="towerGroups"/> order); an empty list for a group not given.</summary>
    private static int[][] FeatureIndices(FeatureGroupCollection groups, string[] towerGroups, IReadOnlyDictionary<string, IReadOnlyList<string>>? given, string parameter)
    {
        var result = towerGroups.Select(_ => Array.Empty<int>()).ToArray();
        if (given is null) return result;
        foreach (var (name, values) in given)
        {
            int t = Array.IndexOf(towerGroups, name);
            if (t < 0)
                throw new ArgumentException($"feature group '{name}' is not one of the model's towers ({(towerGroups.Length == 0 ? "none" : string.Join(", ", towerGroups))}).", parameter);
            var group = groups[name];
            if (group.Kind == FeatureKind.Categorical && values.Count > 1)
                throw new ArgumentException($"feature group '{name}' is categorical: at most one value (got {values.Count}).", parameter);
            var vocabulary = new Dictionary<string, int>(StringComparer.Ordinal);
            for (int j = 0; j < group.Vocabulary.Count; j++) vocabulary.TryAdd(group.Vocabulary[j], j);
            var indices = new SortedSet<int>();
            foreach (var value in values)
            {
                if (value is null || !vocabulary.TryGetValue(value, out int j))
                    throw new ArgumentException($"feature group '{name}': '{value}' is not in its vocabulary ({group.Vocabulary.Count:N0} values).", parameter);
                indices.Add(j);
            }
            result[t] = indices.ToArray();
        }
        return result;
    }
}
