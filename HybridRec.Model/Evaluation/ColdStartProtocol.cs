using System.Diagnostics;
using HybridRec.Data;
using HybridRec.Model.ColdStart;
using HybridRec.Model.Training;

namespace HybridRec.Model.Evaluation;

/// <summary>
/// The cold-start evaluation (issue 11): a share of the users is held out of training entirely (seeded); each held-out
/// user's ratings are shuffled (seeded), the first <c>max k</c> form the pool the profiles are taken from and the rest
/// are the user's evaluation ratings, the same for every k. For each k the user is folded into the model trained
/// without them (<see cref="HybridModel.FoldInUser"/>) from the first k ratings of the pool, and scored on the
/// evaluation ratings — RMSE of the predicted rating and NDCG at K of the ranking (the k profile items excluded) —
/// against the popularity list (counted on the training ratings; its RMSE is that of each item's mean training rating)
/// and against a model trained normally on the same ratings plus those k ratings of every held-out user. Held-out users
/// with no more ratings than the largest k are still held out but not evaluated.
/// </summary>
public static class ColdStartProtocol
{
    /// <summary>Default share of users held out.</summary>
    public const double DefaultHeldOutFraction = 0.1;

    /// <summary>Default profile sizes.</summary>
    public static IReadOnlyList<int> DefaultProfileSizes { get; } = [1, 5, 20];

    /// <summary>
    /// Runs the protocol on <paramref name="train"/> (a training split: pass validation-style data, never a test part)
    /// with <paramref name="configuration"/> for both trained models; <paramref name="log"/> gets one line per phase.
    /// Trains 1 + |<paramref name="profileSizes"/>| models; without <paramref name="trainIn"/> only the first (the trained-in
    /// columns are then NaN). With <paramref name="modelCache"/> the model without the held-out users is loaded from that
    /// file when it exists — it must come from a run with the same data, split, configuration and seed — and else
    /// trained and saved there, so fold-in variants can be compared on one model.
    /// </summary>
    public static ColdStartReport Run(RatingDataset data, RatingTable train, HybridConfiguration configuration, IReadOnlyList<int>? profileSizes = null,
        double heldOutFraction = DefaultHeldOutFraction, long seed = 42, RankingOptions? ranking = null, FoldInOptions? foldIn = null, TextWriter? log = null,
        bool trainIn = true, string? modelCache = null)
    {
        ArgumentNullException.ThrowIfNull(data);
        ArgumentNullException.ThrowIfNull(train);
        ArgumentNullException.ThrowIfNull(configuration);
        var ks = (profileSizes ?? DefaultProfileSizes).Distinct().Order().ToArray();
        if (ks.Length == 0 || ks[0] < 1) throw new ArgumentException("profile sizes must be ≥ 1.", nameof(profileSizes));
        if (!(heldOutFraction > 0 && heldOutFraction < 1)) throw new ArgumentOutOfRangeException(nameof(heldOutFraction), heldOutFraction, "the held-out share must be in (0, 1).");
        ranking ??= RankingOptions.Default;
        log ??= TextWriter.Null;
        int maxK = ks[^1], items = data.Items.Count;

        // Held-out users: a seeded share of the users with training ratings.
        var byUser = Enumerable.Range(0, train.Count).GroupBy(i => train.Users[i]).ToDictionary(g => g.Key, g => g.ToArray());
        var users = byUser.Keys.Order().ToArray();
        SeededRandom.For(seed, "coldstart:users").Shuffle(users.AsSpan());
        var heldOut = users.Take((int)Math.Round(users.Length * heldOutFraction)).Order().ToArray();
        if (heldOut.Length == 0) throw new ArgumentException($"{heldOutFraction:P0} of {users.Length} users rounds to none.", nameof(heldOutFraction));
        var isHeldOut = heldOut.ToHashSet();
        var rest = train.Select(Enumerable.Range(0, train.Count).Where(i => !isHeldOut.Contains(train.Users[i])).ToArray());

        // Each held-out user's ratings in a seeded order: the pool (first maxK) and the evaluation ratings (the rest).
        var pools = new List<(int User, int[] Pool, int[] Evaluation)>();
        foreach (int u in heldOut)
        {
            var ratingRows = byUser[u];
            SeededRandom.For(seed, $"coldstart:user:{u}").Shuffle(ratingRows.AsSpan());
            if (ratingRows.Length > maxK) pools.Add((u, ratingRows[..maxK], ratingRows[maxK..]));
        }
        if (pools.Count == 0) throw new ArgumentException($"no held-out user has more than {maxK} training ratings.", nameof(train));
        // Evaluation ratings with users renumbered 0..n-1 (slots), for the fold-in and popularity rankers.
        var evaluation = Table(train, pools.SelectMany((p, slot) => p.Evaluation.Select(i => (slot, i))));
        var evaluationByUser = train.Select(pools.SelectMany(p => p.Evaluation).ToArray());
        log.WriteLine($"coldstart: {heldOut.Length:N0} of {users.Length:N0} users held out ({pools.Count:N0} with more than {maxK} ratings evaluated on {evaluation.Count:N0} ratings); " +
                      $"training on the other {rest.Count:N0} ratings");

        var clock = Stopwatch.StartNew();
        HybridModel model;
        if (modelCache is not null && File.Exists(modelCache))
        {
            model = HybridModel.Load(modelCache);
            if (model.Users.Count != data.Users.Count || model.Items.Count != items)
                throw new ArgumentException($"{modelCache}: the cached model has {model.Users.Count:N0} users and {model.Items.Count:N0} items, the data {data.Users.Count:N0} and {items:N0}.", nameof(modelCache));
            // The rating blend is a scoring setting (training never sees it): the configuration's applies to the cached model too.
            model = model.WithRankingRatingBlend(configuration.Model.RankingRatingBlend);
            log.WriteLine($"  model without the held-out users loaded from {modelCache}");
        }
        else
        {
            model = HybridTrainer.Train(data, rest, configuration).Model;
            log.WriteLine($"  model without the held-out users trained in {clock.Elapsed.TotalSeconds:0} s");
            if (modelCache is not null) model.Save(modelCache);
        }
        model.FoldInUser([]);   // builds the serving form and the fold-in cache, so the fold-in times below do not include them
        var popularity = PopularityRanker.FromRatings(rest, items);
        var itemMeans = ItemMeans(rest, items);

        var rows = new List<ColdStartRow>();
        foreach (int k in ks)
        {
            var profiles = Table(train, pools.SelectMany((p, slot) => p.Pool.Take(k).Select(i => (slot, i))));
            var seen = UserHistory.FromRatings(profiles, pools.Count);

            // Fold-in.
            var folded = new FoldedInUser[pools.Count];
            var ticks = new long[pools.Count];
            Parallel.For(0, pools.Count, slot =>
            {
                var profile = pools[slot].Pool.Take(k).Select(i => (data.Items.GetRawId(train.Items[i]), train.Stars[i])).ToList();
                long start = Stopwatch.GetTimestamp();
                folded[slot] = model.FoldInUser(profile, foldIn);
                ticks[slot] = Stopwatch.GetTimestamp() - start;
            });
            double foldInMs = ticks.Average() * 1000.0 / Stopwatch.Frequency;
            var foldedRmse = Rmse(evaluation, data.Scale, i => model.PredictStars(folded[evaluation.Users[i]], data.Items.GetRawId(evaluation.Items[i])));
            var foldedRanking = RankingEvaluator.Evaluate(new FoldedRanker(model, folded), seen, evaluation, ranking);

            // Popularity.
            var popularityRmse = Rmse(evaluation, data.Scale, i => itemMeans[evaluation.Items[i]]);
            var popularityRanking = RankingEvaluator.Evaluate(popularity, seen, evaluation, ranking);

            // Trained in: the same users' k ratings in the training data (NaN without trainIn).
            double trainedRmse = double.NaN, trainedNdcg = double.NaN;
            if (trainIn)
            {
                clock.Restart();
                var withProfiles = Concat(rest, train.Select(pools.SelectMany(p => p.Pool.Take(k)).ToArray()));
                var trainedIn = HybridTrainer.Train(data, withProfiles, configuration).Model;
                log.WriteLine($"  k = {k}: model with the held-out users' {k} rating(s) trained in {clock.Elapsed.TotalSeconds:0} s");
                trainedRmse = trainedIn.Evaluate(evaluationByUser).RmseStars;
                trainedNdcg = RankingEvaluator.Evaluate(trainedIn, evaluationByUser, ranking).Ndcg;
            }

            rows.Add(new ColdStartRow(k, foldedRmse, foldedRanking.Ndcg, popularityRmse, popularityRanking.Ndcg, trainedRmse, trainedNdcg,
                foldedRanking.UsersEvaluated, foldInMs));
            log.WriteLine($"  k = {k}: fold-in RMSE {foldedRmse:0.0000}, NDCG@{ranking.K} {foldedRanking.Ndcg:0.0000}; {foldInMs:0.00} ms per user");
        }
        return new ColdStartReport(data.Name, users.Length, heldOut.Length, pools.Count, evaluation.Count, ranking.K, ranking.RelevantAtLeast, rows);
    }

    private static RatingTable Table(RatingTable source, IEnumerable<(int Slot, int Row)> rows)
    {
        var list = rows.ToList();
        return new RatingTable(list.Select(r => r.Slot).ToArray(), list.Select(r => source.Items[r.Row]).ToArray(), list.Select(r => source.Stars[r.Row]).ToArray());
    }

    private static RatingTable Concat(RatingTable a, RatingTable b) =>
        new([.. a.Users, .. b.Users], [.. a.Items, .. b.Items], [.. a.Stars, .. b.Stars]);

    /// <summary>Each item's mean training rating (the overall mean for an item without ratings).</summary>
    private static float[] ItemMeans(RatingTable ratings, int items)
    {
        var sum = new double[items];
        var count = new int[items];
        for (int i = 0; i < ratings.Count; i++) { sum[ratings.Items[i]] += ratings.Stars[i]; count[ratings.Items[i]]++; }
        double overall = ratings.Count == 0 ? 0 : sum.Sum() / ratings.Count;
        return Enumerable.Range(0, items).Select(m => (float)(count[m] > 0 ? sum[m] / count[m] : overall)).ToArray();
    }

    private static double Rmse(RatingTable ratings, RatingScale scale, Func<int, float> predictStars)
    {
        double sum = 0;
        for (int i = 0; i < ratings.Count; i++)
        {
            double err = Math.Clamp(predictStars(i), scale.Min, scale.Max) - ratings.Stars[i];
            sum += err * err;
        }
        return Math.Sqrt(sum / ratings.Count);
    }

    /// <summary>Folded-in users as a ranker over slots.</summary>
    private sealed class FoldedRanker(HybridModel model, FoldedInUser[] users) : IItemRanker
    {
        public int ItemCount => model.Items.Count;

        public void ScoreItems(int user, Span<float> scores) => model.ScoreItems(users[user], scores);
    }
}

/// <summary>The cold-start table (<see cref="ColdStartProtocol"/>).</summary>
/// <param name="Dataset">The dataset's name.</param>
/// <param name="Users">Users with training ratings.</param>
/// <param name="HeldOutUsers">Users held out of training.</param>
/// <param name="EvaluatedUsers">Held-out users with more ratings than the largest profile (evaluated).</param>
/// <param name="EvaluationRatings">Their evaluation ratings.</param>
/// <param name="K">The ranking cut-off.</param>
/// <param name="RelevantAtLeast">The relevance threshold of the ranking metrics, in stars.</param>
/// <param name="Rows">One row per profile size.</param>
public sealed record ColdStartReport(string Dataset, int Users, int HeldOutUsers, int EvaluatedUsers, int EvaluationRatings, int K, float RelevantAtLeast,
    IReadOnlyList<ColdStartRow> Rows);

/// <summary>One profile size of the cold-start table.</summary>
/// <param name="ProfileSize">k, the ratings each held-out user gives.</param>
/// <param name="FoldInRmse">RMSE (stars) of the folded-in users on their evaluation ratings.</param>
/// <param name="FoldInNdcg">Their NDCG at K.</param>
/// <param name="PopularityRmse">RMSE of each item's mean training rating.</param>
/// <param name="PopularityNdcg">NDCG at K of the popularity list.</param>
/// <param name="TrainedInRmse">RMSE of the model trained with the users' k ratings.</param>
/// <param name="TrainedInNdcg">Its NDCG at K.</param>
/// <param name="UsersRanked">Users with a relevant evaluation rating (the NDCG's users).</param>
/// <param name="FoldInMillisecondsPerUser">Mean wall time of one fold-in (all members), in milliseconds; the fold-ins run in parallel, so a busy machine inflates it.</param>
public sealed record ColdStartRow(int ProfileSize, double FoldInRmse, double FoldInNdcg, double PopularityRmse, double PopularityNdcg,
    double TrainedInRmse, double TrainedInNdcg, int UsersRanked, double FoldInMillisecondsPerUser);
