using HybridRec.Data;
using HybridRec.Model.Backends;
using HybridRec.Model.Parameters;
using HybridRec.Model.Tests.TestData;
using HybridRec.Model.Training;

namespace HybridRec.Model.Tests.Ranking;

/// <summary>
/// The ranking head in training and serving: it leaves the rating output untouched, trains the same whatever the thread
/// count, masked candidates contribute nothing, the model ranks by P3·Q3 + r and keeps predicting stars with the rating
/// head, and model files carry it (formats 3 and later) while format-2 files load without one.
/// </summary>
public sealed class RankingHeadTests : IDisposable
{
    private static readonly RatingDataset Data = HeadModels.Data;
    private static readonly RatingSplit Split = HeadModels.Split;
    private readonly string _dir = Directory.CreateTempSubdirectory("hybridrec-ranking-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private static HybridModelOptions Model(int er) => TestOptions.Model with { EmbeddingSize = 5, UseBiases = true, EmbeddingL2 = 0.01f, EmbeddingTableL2 = 1e-3f, RankingEmbeddingSize = er };

    private static TrainingOptions Training(int threads = 1) => TestOptions.Training with
    {
        Epochs = 3, BatchSize = 16, Seed = 8, ProgressInterval = 0, Threads = threads, ConcurrentMembers = 1, ValidationFraction = 0.1, Patience = 2,
        RestoreBestEpoch = true, RefitOnAllData = true, EnsembleSize = 2,
        Adam = new AdamOptions { LearningRate = 0.01f },
        Ranking = new RankingLossOptions { Negatives = 6, LearningRateScale = 2f, Weight = 0.7f },
    };

    [Fact]
    public void TheHeadLeavesTheRatingOutputBitIdentical()
    {
        var off = HybridTrainer.Train(Data, Split.Train, Model(0), Training());
        var on = HybridTrainer.Train(Data, Split.Train, Model(4), Training());
        var lOff = off.Model.Layout;
        var lOn = on.Model.Layout;
        Assert.True(lOn.HasRankingHead);
        Assert.Equal(lOff.Count + 30 * 4 + 40 * 4 + 40, lOn.Count);
        for (int k = 0; k < 2; k++)
            foreach (var slice in lOff.Slices)
                Assert.Equal(off.Model.Members[k].AsSpan(slice.Offset, slice.Length).ToArray(), on.Model.Members[k].AsSpan(lOn[slice.Name].Offset, slice.Length).ToArray());
        Assert.Equal(off.History.Select(h => h.ValidationRmse), on.History.Select(h => h.ValidationRmse));
        Assert.Empty(off.MemberRankingLosses);
        // With a refit the epochs on the fitting part leave the head alone (they only pick the epoch count); the refit trains it.
        Assert.All(on.History, h => Assert.Null(h.TrainRankingLoss));
        Assert.Equal(2, on.MemberRankingLosses.Count);
        Assert.All(on.MemberRankingLosses, ce => Assert.InRange(ce!.Value, 0.0, 2 * Math.Log(1 + 6)));

        // Without a refit the head trains on the fitting part: its mean cross-entropy falls from epoch to epoch.
        var noRefit = HybridTrainer.Train(Data, Split.Train, Model(4), Training() with { RefitOnAllData = false, EnsembleSize = 1, Patience = null, Epochs = 4 });
        var losses = noRefit.History.Select(h => h.TrainRankingLoss!.Value).ToList();
        Assert.True(losses[^1] < losses[0] && losses[0] < Math.Log(1 + 6) + 1, string.Join(", ", losses));
        Assert.Equal(losses[^1], noRefit.MemberRankingLosses[0]);
    }

    [Fact]
    public void TrainingWithTheHeadIsTheSameWhateverTheThreadCount()
    {
        var one = HybridTrainer.Train(Data, Split.Train, Model(3), Training(threads: 1) with { BatchSize = 300 });
        var four = HybridTrainer.Train(Data, Split.Train, Model(3), Training(threads: 4) with { BatchSize = 300 });
        Assert.Equal(one.Model.Members, four.Model.Members);
        Assert.Equal(one.MemberRankingLosses, four.MemberRankingLosses);
        Assert.All(one.MemberRankingLosses, ce => Assert.NotNull(ce));
    }

    [Fact]
    public void AMaskedCandidateContributesNothing()
    {
        // One sample, one negative: masked, the loss is logsumexp over the positive alone = 0 and the negative's rows get no gradient.
        var samples = new TrainingSamples([1], [2], [0.5f]);
        var ranking = new RankingLossOptions { Negatives = 1 };
        var negatives = new NegativeSampler(samples, 3, 4, ranking);
        var setup = TestOptions.Setup(3, 4, TestOptions.Groups(), TestOptions.Groups(), Model(2) with { EmbeddingL2 = 0f, EmbeddingTableL2 = 0f }).WithRanking(ranking, negatives);
        var net = new CpuNetwork<double>(setup);
        var rng = new SeededRandom(4);
        net.SetParameters(Enumerable.Range(0, setup.Layout.Count).Select(_ => rng.NextDouble() - 0.5).ToArray());
        var plan = new EpochPlan(samples, 1, 3, 4, negatives);
        int negative = plan.Candidates[1];
        Assert.NotEqual(2, negative);

        net.ComputeGradients(plan, 0);
        var (ceUnmasked, _) = net.TakeRankingLoss();
        Assert.True(ceUnmasked > 0);
        var l = setup.Layout;
        Assert.Contains(net.Gradients.Slice(l.ItemRank!.Offset + negative * 2, 2).ToArray(), g => g != 0);

        net.Gradients.Clear();
        plan.CandidateMask[1] = 0;
        net.ComputeGradients(plan, 0);
        var (ce, count) = net.TakeRankingLoss();
        Assert.Equal((0.0, 1L), (ce, count));
        Assert.Equal([0.0, 0.0], net.Gradients.Slice(l.ItemRank!.Offset + negative * 2, 2).ToArray());
        Assert.Equal(0.0, net.Gradients[l.ItemRankBias!.Offset + negative]);
        Assert.Equal([0.0, 0.0], net.Gradients.Slice(l.UserRank!.Offset + 1 * 2, 2).ToArray());   // softmax over one candidate: g = 0
    }

    [Fact]
    public void TheModelRanksByTheHeadAndPredictsStarsWithTheRatingHead()
    {
        var (model, rating, layout, members) = HeadModels.Random(Model(3), seed: 9);

        int userId = Data.Users.GetRawId(3), u = 3;
        var recs = model.Recommend(userId, new HybridRec.Model.Recommendation.RecommendOptions { Count = 40, ExcludeRated = false });
        Assert.Equal(40, recs.Count);
        foreach (var r in recs)
        {
            int m = Data.Items.GetIndex(r.ItemId);
            double expected = HeadModels.HeadScore(layout, members, u, m);
            Assert.Equal(expected, r.Score, 5);
            Assert.Equal(rating.PredictStars(userId, r.ItemId), r.PredictedRating);     // stars from the rating head, head or not
            Assert.Equal(model.PredictStars(userId, r.ItemId), r.PredictedRating);
        }
        Assert.Equal(recs.Select(r => r.Score).OrderDescending(), recs.Select(r => r.Score));
        // The rating order differs from the ranking order here (random parameters): the head decides.
        Assert.NotEqual(rating.Recommend(userId, 5).Select(r => r.ItemId), model.Recommend(userId, 5).Select(r => r.ItemId));
    }

    [Fact]
    public void ModelFilesCarryTheHeadAndOlderFormatsLoadWithout()
    {
        var trained = HybridTrainer.Train(Data, Split.Train, Model(4), Training() with { EnsembleSize = 1, Epochs = 1, Patience = null, RestoreBestEpoch = false, RefitOnAllData = false }).Model;
        string path = Path.Combine(_dir, "head.hrec");
        trained.Save(path);
        Assert.Equal(HybridRec.Model.Serialization.ModelFile.FormatVersion, BitConverter.ToInt32(File.ReadAllBytes(path), 16));
        var loaded = HybridModel.Load(path);
        Assert.Equal(4, loaded.Options.RankingEmbeddingSize);
        Assert.Equal(trained.Members, loaded.Members);
        int user = Data.Users.GetRawId(2);
        Assert.Equal(trained.Recommend(user, 5), loaded.Recommend(user, 5));

        // Format 2 (written before the head existed): loads without a head, whatever the options' default.
        var v2 = HybridModel.Load(Path.Combine(AppContext.BaseDirectory, "Serialization", "Fixtures", "model-v2.hrec"));
        var v1 = HybridModel.Load(Path.Combine(AppContext.BaseDirectory, "Serialization", "Fixtures", "model-v1.hrec"));
        Assert.False(v2.Layout.HasRankingHead);
        Assert.Equal(v1.Options, v2.Options);
        Assert.Equal(v1.Members, v2.Members);
        Assert.Equal(2.099738f, v2.PredictStars(1, 10));      // as recorded for the version-1 file it was saved from
        Assert.Equal(v1.Recommend(3, 5), v2.Recommend(3, 5));

        // A future format names its version.
        var bytes = File.ReadAllBytes(path);
        BitConverter.TryWriteBytes(bytes.AsSpan(16), 5);
        File.WriteAllBytes(path, bytes);
        var e = Assert.Throws<InvalidDataException>(() => HybridModel.Load(path));
        Assert.Contains("has model format version 5; this library reads versions 1 to 4 (the file was written by a newer HybridRec)", e.Message);
    }

    /// <summary>The parameters without the head's slices (the layout of the same options without a head).</summary>
    private static float[] StripHead(ParameterLayout layout, float[] p) => HeadModels.StripHead(layout, p);
}
