using HybridRec.Data;
using HybridRec.Model.Evaluation;
using HybridRec.Model.Parameters;
using HybridRec.Model.Recommendation;
using HybridRec.Model.Tests.TestData;
using HybridRec.Model.Training;

namespace HybridRec.Model.Tests.Ranking;

/// <summary>
/// The rating blend β of the ranking score (<see cref="HybridModelOptions.RankingRatingBlend"/>): with a ranking head a
/// model ranks by P3·Q3 + r + β·ŷ, for known and folded-in users; β = 0 is the head alone, bit for bit; β is checked,
/// travels in the model file (format 4), and format-3 files load with β = 0 and rank as they did.
/// </summary>
public sealed class RatingBlendTests : IDisposable
{
    private static readonly RatingDataset Data = HeadModels.Data;
    private static readonly HybridModelOptions Options = TestOptions.Model with { EmbeddingSize = 5, UseBiases = true, RankingEmbeddingSize = 3 };
    private readonly string _dir = Directory.CreateTempSubdirectory("hybridrec-blend-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private static (HybridModel Model, HybridModel RatingOnly, ParameterLayout Layout, List<float[]> Members) RandomModel(float blend) =>
        HeadModels.Random(Options with { RankingRatingBlend = blend }, seed: 21);

    private static float[] Scores(IItemRanker ranker, int user)
    {
        var scores = new float[ranker.ItemCount];
        ranker.ScoreItems(user, scores);
        return scores;
    }

    [Theory]
    [InlineData(0.5f)]
    [InlineData(5f)]
    public void KnownUsersRankByTheHeadPlusBetaTimesThePredictedRating(float beta)
    {
        var (model, ratingOnly, l, members) = RandomModel(beta);
        for (int u = 0; u < Data.Users.Count; u++)
        {
            var scores = Scores(model, u);
            var ratings = Scores(ratingOnly, u);   // without a head a model's score is its unclipped predicted rating on [0, 1]
            for (int m = 0; m < Data.Items.Count; m++)
            {
                double expected = HeadModels.HeadScore(l, members, u, m) + beta * (double)ratings[m];
                Assert.True(Math.Abs(expected - scores[m]) <= 1e-5 + 1e-5 * Math.Abs(expected), $"user {u}, item {m}: expected {expected}, got {scores[m]}");
            }
        }
        // Recommend orders by that score and still reports the rating head's stars.
        int userId = Data.Users.GetRawId(4);
        var recs = model.Recommend(userId, new RecommendOptions { Count = 10 });
        Assert.Equal(recs.Select(r => r.Score).OrderDescending(), recs.Select(r => r.Score));
        Assert.All(recs, r => Assert.Equal(ratingOnly.PredictStars(userId, r.ItemId), r.PredictedRating));
    }

    [Fact]
    public void ALargeBetaChangesTheListAndZeroIsTheHeadAloneBitForBit()
    {
        var (head, _, _, _) = RandomModel(0f);
        var blended = head.WithRankingRatingBlend(20f);
        Assert.Equal(20f, blended.Options.RankingRatingBlend);
        Assert.Same(head, head.WithRankingRatingBlend(0f));
        var back = blended.WithRankingRatingBlend(0f);
        int userId = Data.Users.GetRawId(7);
        Assert.NotEqual(head.Recommend(userId, 5).Select(r => r.ItemId), blended.Recommend(userId, 5).Select(r => r.ItemId));
        for (int u = 0; u < Data.Users.Count; u++)
            Assert.Equal(Scores(head, u), Scores(back, u));
    }

    [Fact]
    public void TrainingIgnoresBetaAndTheTrainedModelCarriesIt()
    {
        var training = TestOptions.Training with
        {
            Epochs = 2, BatchSize = 16, Seed = 3, ProgressInterval = 0, Threads = 1, ConcurrentMembers = 1, ValidationFraction = 0, Patience = null,
            RestoreBestEpoch = false, RefitOnAllData = false, EnsembleSize = 1, Ranking = new RankingLossOptions { Negatives = 4 },
        };
        var plain = HybridTrainer.Train(Data, HeadModels.Split.Train, Options, training).Model;
        var blended = HybridTrainer.Train(Data, HeadModels.Split.Train, Options with { RankingRatingBlend = 6f }, training).Model;
        Assert.Equal(6f, blended.Options.RankingRatingBlend);
        Assert.Equal(plain.Members, blended.Members);
        var rescored = plain.WithRankingRatingBlend(6f);
        for (int u = 0; u < Data.Users.Count; u++)
            Assert.Equal(Scores(rescored, u), Scores(blended, u));
        Assert.NotEqual(Scores(plain, 0), Scores(blended, 0));
    }

    [Fact]
    public void FoldedInUsersRankByTheSameBlend()
    {
        const float beta = 4f;
        var (model, ratingOnly, _, _) = RandomModel(beta);
        var head = model.WithRankingRatingBlend(0f);
        var ratings = Enumerable.Range(0, 6).Select(i => (Data.Items.GetRawId(i * 5), 1f + (i % 5))).ToList();
        var blendedUser = model.FoldInUser(ratings);
        var headUser = head.FoldInUser(ratings);
        var ratingUser = ratingOnly.FoldInUser(ratings);
        float[] blended = new float[Data.Items.Count], alone = new float[Data.Items.Count], predicted = new float[Data.Items.Count];
        model.ScoreItems(blendedUser, blended);
        head.ScoreItems(headUser, alone);
        ratingOnly.ScoreItems(ratingUser, predicted);
        Assert.Contains(alone, s => s != predicted[0]);
        for (int m = 0; m < blended.Length; m++)
        {
            double expected = alone[m] + beta * (double)predicted[m];
            Assert.True(Math.Abs(expected - blended[m]) <= 1e-5 + 1e-5 * Math.Abs(expected), $"item {m}: expected {expected}, got {blended[m]}");
        }
    }

    [Theory]
    [InlineData(-1f, "RankingRatingBlend must be in [0, 1000]")]
    [InlineData(float.NaN, "RankingRatingBlend must be in [0, 1000]")]
    [InlineData(1001f, "RankingRatingBlend must be in [0, 1000]")]
    [InlineData(float.PositiveInfinity, "RankingRatingBlend must be in [0, 1000]")]
    public void BetaOutsideItsRangeIsRefused(float beta, string message)
    {
        var e = Assert.Throws<ArgumentException>(() => (Options with { RankingRatingBlend = beta }).Validate());
        Assert.Contains(message, e.Message);
        var (model, _, _, _) = RandomModel(0f);
        Assert.Contains(message, Assert.Throws<ArgumentException>(() => model.WithRankingRatingBlend(beta)).Message);
    }

    [Fact]
    public void BetaNeedsARankingHead()
    {
        var e = Assert.Throws<ArgumentException>(() => (Options with { RankingEmbeddingSize = 0, RankingRatingBlend = 2f }).Validate());
        Assert.Contains("RankingRatingBlend (2) needs a ranking head", e.Message);
        var (_, ratingOnly, _, _) = RandomModel(0f);
        Assert.Contains("needs a ranking head", Assert.Throws<ArgumentException>(() => ratingOnly.WithRankingRatingBlend(2f)).Message);
        Assert.NotEqual(Options with { RankingRatingBlend = 1f }, Options);
    }

    [Fact]
    public void ModelFilesCarryBetaAndFormatThreeFilesLoadWithout()
    {
        var (model, _, _, _) = RandomModel(3f);
        string path = Path.Combine(_dir, "blend.hrec");
        model.Save(path);
        Assert.Equal(4, BitConverter.ToInt32(File.ReadAllBytes(path), 16));
        var loaded = HybridModel.Load(path);
        Assert.Equal(3f, loaded.Options.RankingRatingBlend);
        Assert.Equal(model.Options, loaded.Options);
        int userId = Data.Users.GetRawId(2);
        Assert.Equal(model.Recommend(userId, 5), loaded.Recommend(userId, 5));

        // Format 3 (written before the blend existed, by the library at 0befea0): β = 0, predictions and lists as recorded then.
        var v3 = HybridModel.Load(Path.Combine(AppContext.BaseDirectory, "Serialization", "Fixtures", "model-v3.hrec"));
        Assert.Equal(0f, v3.Options.RankingRatingBlend);
        Assert.Equal(4, v3.Options.RankingEmbeddingSize);
        foreach (var (user, item, stars) in new[] { (1, 10, 3.6565444f), (4, 80, 3.9853573f), (12, 210, 3.8689995f), (30, 400, 3.0485144f) })
            Assert.Equal(stars, v3.PredictStars(user, item));
        var recs = v3.Recommend(3, 5);
        Assert.Equal(new[] { 400, 360, 40, 260, 210 }, recs.Select(r => r.ItemId));
        Assert.Equal(new[] { 0.37549424f, 0.2687673f, 0.25801098f, 0.17434904f, 0.100996904f }, recs.Select(r => r.Score));
        Assert.Equal(new[] { 2.9218223f, 2.212935f, 2.162117f, 3.350587f, 3.2356224f }, recs.Select(r => r.PredictedRating));
    }
}
