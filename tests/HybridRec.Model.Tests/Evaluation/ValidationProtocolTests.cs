using HybridRec.Data;
using HybridRec.Model.Evaluation;
using HybridRec.Model.Tests.TestData;
using HybridRec.Model.Training;

namespace HybridRec.Model.Tests.Evaluation;

/// <summary>The ranking half of the validation protocols: hand-computed on a hand-made part, deterministic on synthetic data.</summary>
public sealed class ValidationProtocolTests
{
    private const double Tol = 1e-12;

    /// <summary>A trivial ranker: the higher the item index, the better.</summary>
    private sealed class HighestIndexFirst(int items) : IItemRanker
    {
        public int ItemCount => items;

        public void ScoreItems(int user, Span<float> scores)
        {
            for (int m = 0; m < scores.Length; m++) scores[m] = m;
        }
    }

    [Fact]
    public void RankPartMatchesAHandComputationForATrivialRankerAndForPopularity()
    {
        var (data, part) = HandMadeTable.Create();
        var (ranker, popularity) = ValidationProtocols.RankPart(new HighestIndexFirst(5), part, data.Users.Count);
        // Trivial ranker: user 1 → [50, 40, 30], relevant {30, 50}: DCG 1 + 1/log2(4); user 3 → [50, 30, 10], relevant {10}
        // at position 3: DCG 1/log2(4) = 0.5, IDCG 1. User 2 has no relevant held-out rating.
        double user1 = 1.5 / (1 + 1 / Math.Log2(3));
        Assert.Equal((user1 + 0.5) / 2, ranker.Ndcg, Tol);
        Assert.Equal(2, ranker.UsersEvaluated);
        Assert.Equal(1, ranker.UsersSkipped);
        Assert.Equal((2.0 / 10 + 1.0 / 10) / 2, ranker.Precision, Tol);
        // Popularity on the same part: user 1 → [30, 40, 50], user 3 → [10, 30, 50] (see PopularityRankerTests).
        Assert.Equal((user1 + 1.0) / 2, popularity.Ndcg, Tol);
        var score = new ValidationScore(0.9, ranker, popularity);
        Assert.Equal(((user1 + 0.5) / 2) / ((user1 + 1.0) / 2), score.NdcgToPopularity, Tol);
        Assert.Equal(-score.Ndcg, score.Objective(ValidationMetric.Ndcg));
        Assert.Equal(0.9, score.Objective(ValidationMetric.Rmse));
        Assert.Equal(score.Ndcg, ValidationScore.FromObjective(ValidationMetric.Ndcg, score.Objective(ValidationMetric.Ndcg)));
    }

    [Fact]
    public void TheSharedPartIsTheTrainersCarveOut()
    {
        var data = SyntheticDataset.Create(users: 20, movies: 30, ratingsPerUser: 10);
        var options = TestOptions.Training with { ValidationFraction = 0.15, Seed = 5 };
        var part = ValidationProtocols.SharedValidationPart(data.Ratings, options);
        var (fit, validation) = HybridTrainer.CarveValidation(TrainingSamples.FromRatings(data.Ratings, data.Scale), 0.15, 5);
        Assert.Equal(fit.Users, part.Train.Users);
        Assert.Equal(fit.Items, part.Train.Items);
        Assert.Equal(validation.Users, part.Test.Users);
        Assert.Equal(validation.Items, part.Test.Items);
        Assert.Equal(validation.Targets, part.Test.Stars.ToArray().Select(data.Scale.Normalize));
    }

    [Fact]
    public void TheHoldoutPartIsASeededPartitionOfTheTrainingPart()
    {
        var data = SyntheticDataset.Create(users: 20, movies: 30, ratingsPerUser: 10);
        var a = ValidationProtocols.HoldoutPart(data.Ratings, 9, 0.1);
        var b = ValidationProtocols.HoldoutPart(data.Ratings, 9, 0.1);
        Assert.Equal(a.Test.Users, b.Test.Users);
        Assert.Equal(a.Test.Items, b.Test.Items);
        Assert.Equal((int)Math.Round(0.1 * data.Ratings.Count, MidpointRounding.AwayFromZero), a.Test.Count);
        Assert.Equal(data.Ratings.Count, a.Train.Count + a.Test.Count);
        var pairs = a.Train.Users.ToArray().Zip(a.Train.Items.ToArray()).Concat(a.Test.Users.ToArray().Zip(a.Test.Items.ToArray())).ToHashSet();
        Assert.Equal(data.Ratings.Users.ToArray().Zip(data.Ratings.Items.ToArray()).ToHashSet(), pairs);
        Assert.NotEqual(a.Test.Items.ToArray(), ValidationProtocols.HoldoutPart(data.Ratings, 10, 0.1).Test.Items.ToArray());
    }

    [Fact]
    public void OnSyntheticDataPopularityOnTheHoldoutMatchesABruteForceComputation()
    {
        var data = SyntheticDataset.Create(users: 30, movies: 25, ratingsPerUser: 12);
        var part = ValidationProtocols.HoldoutPart(data.Ratings, 3, 0.25);
        var (_, popularity) = ValidationProtocols.RankPart(new HighestIndexFirst(data.Items.Count), part, data.Users.Count);

        // By hand: count the fitting part, sort each user's unseen items by (count desc, index asc), NDCG@10 by its formula.
        var counts = new int[data.Items.Count];
        foreach (int m in part.Train.Items) counts[m]++;
        double sum = 0;
        int evaluated = 0;
        foreach (int u in part.Test.Users.ToArray().Distinct().Order())
        {
            var relevant = Enumerable.Range(0, part.Test.Count).Where(i => part.Test.Users[i] == u && part.Test.Stars[i] >= 4).Select(i => part.Test.Items[i]).ToHashSet();
            if (relevant.Count == 0) continue;
            var seen = Enumerable.Range(0, part.Train.Count).Where(i => part.Train.Users[i] == u).Select(i => part.Train.Items[i]).ToHashSet();
            var list = Enumerable.Range(0, data.Items.Count).Where(m => !seen.Contains(m)).OrderByDescending(m => counts[m]).ThenBy(m => m).Take(10).ToList();
            double dcg = list.Select((m, i) => relevant.Contains(m) ? 1 / Math.Log2(i + 2) : 0).Sum();
            double idcg = Enumerable.Range(0, Math.Min(10, relevant.Count)).Sum(i => 1 / Math.Log2(i + 2));
            sum += dcg / idcg;
            evaluated++;
        }
        Assert.True(evaluated >= 10, $"only {evaluated} users with a relevant held-out rating");
        Assert.Equal(evaluated, popularity.UsersEvaluated);
        Assert.Equal(sum / evaluated, popularity.Ndcg, 1e-12);
    }

    [Fact]
    public void TheHoldoutProtocolIsDeterministicAndScoresModelAndBaselineOnTheSamePart()
    {
        var data = SyntheticDataset.Create(users: 24, movies: 30, ratingsPerUser: 12);
        var config = new HybridConfiguration
        {
            Model = TestOptions.Model with { EmbeddingSize = 4 },
            Training = TestOptions.Training with { Epochs = 2, BatchSize = 32, ProgressInterval = 0, Seed = 4, Threads = 1 },
        };
        var a = ValidationProtocols.Holdout(data, data.Ratings, config, 0.2);
        var b = ValidationProtocols.Holdout(data, data.Ratings, config, 0.2);
        Assert.Equal(a, b);
        var part = ValidationProtocols.HoldoutPart(data.Ratings, 4, 0.2);
        Assert.Equal(RankingEvaluator.EvaluatePopularity(part.Train, part.Test, data.Users.Count, data.Items.Count), a.Popularity);
        Assert.Equal(a.Ranking.UsersEvaluated, a.Popularity.UsersEvaluated);
        Assert.InRange(a.Ndcg, 0, 1);
        Assert.InRange(a.RmseStars, 0.05, 4.5);
    }
}
