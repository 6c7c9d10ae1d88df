using HybridRec.Data;
using HybridRec.Model.Backends;
using HybridRec.Model.Parameters;
using HybridRec.Model.Tests.TestData;
using HybridRec.Model.Training;

namespace HybridRec.Model.Tests.Training;

public sealed class EnsembleAndScheduleTests
{
    private static readonly RatingDataset Data = SyntheticDataset.Create(users: 30, movies: 40, ratingsPerUser: 14);
    private static readonly RatingSplit Split = SyntheticDataset.Split(Data.Ratings, 0.2, 5);

    private static TrainingOptions Options(int epochs = 4) => TestOptions.Training with
    {
        Epochs = epochs, BatchSize = 16, Seed = 8, ProgressInterval = 0,
        Adam = new AdamOptions { LearningRate = 0.01f, Variant = AdamVariant.Lazy },
    };

    [Fact]
    public void AnEnsembleAveragesItsMembersAndMember0IsTheSingleModel()
    {
        var options = TestOptions.Model with { EmbeddingSize = 6, UseBiases = true };
        var single = HybridTrainer.Train(Data, Split.Train, options, Options());
        var ensemble = HybridTrainer.Train(Data, Split.Train, options, Options() with { EnsembleSize = 3 });
        Assert.Equal(3, ensemble.Model.Members.Count);
        Assert.Equal(single.Model.Members[0], ensemble.Model.Members[0]);      // member 0 uses the run's seed
        Assert.NotEqual(ensemble.Model.Members[0], ensemble.Model.Members[1]); // the others derive their own
        Assert.Equal(3, ensemble.BestEpochs.Count);
        Assert.Equal(3 * 4, ensemble.History.Count);
        Assert.Equal([0, 1, 2], ensemble.History.Select(h => h.Member).Distinct().Order());

        var users = Split.Test.Users.ToArray();
        var movies = Split.Test.Items.ToArray();
        var average = new float[users.Length];
        ensemble.Model.PredictNormalized(users, movies, average);
        var memberPredictions = ensemble.Model.Members
            .Select(p => HybridModel.Create(Data, Split.Train, options, ensemble.Model.GlobalOffset, p))
            .Select(m => { var y = new float[users.Length]; m.PredictNormalized(users, movies, y); return y; }).ToList();
        int compared = 0;
        for (int i = 0; i < users.Length; i++)
        {
            if (memberPredictions.Any(y => y[i] is <= 0f or >= 1f)) continue; // clipping happens after averaging
            Assert.Equal(memberPredictions.Average(y => y[i]), average[i], 5);
            compared++;
        }
        Assert.True(compared > users.Length / 2, $"only {compared} predictions were inside (0, 1)");
    }

    [Fact]
    public void AnEnsembleSurvivesASaveLoadRoundTrip()
    {
        var model = HybridTrainer.Train(Data, Split.Train, TestOptions.Model with { EmbeddingSize = 4 }, Options(2) with { EnsembleSize = 2 }).Model;
        string path = Path.Combine(Path.GetTempPath(), $"hybridrec-ensemble-{Guid.NewGuid():N}.hrec");
        try
        {
            model.Save(path);
            var loaded = HybridModel.Load(path);
            Assert.Equal(2, loaded.Members.Count);
            Assert.Equal(model.Members, loaded.Members);
            Assert.Equal(model.Recommend(model.Users.GetRawId(1), 4), loaded.Recommend(model.Users.GetRawId(1), 4));
        }
        finally { File.Delete(path); }
    }

    [Fact]
    public void SettingTheLearningRateToZeroFreezesTheParameters()
    {
        var setup = BackendSetup.Create(Data, TestOptions.Model with { EmbeddingSize = 4 }, new AdamOptions(), 0f);
        var layout = setup.Layout;
        using var backend = new CpuBackend(setup);
        var initial = ParameterInitializer.Create(layout, 1);
        backend.SetParameters(initial);
        var plan = new EpochPlan(TrainingSamples.FromRatings(Split.Train, Data.Scale), 16, layout.Dimensions.Users, layout.Dimensions.Items);
        Assert.Equal(AdamOptions.DefaultLearningRate, backend.LearningRate);
        backend.LearningRate = 0f;
        backend.TrainBatch(plan, 0);
        var after = new float[initial.Length];
        backend.GetParameters(after);
        Assert.Equal(initial, after);
        backend.LearningRate = 0.01f;
        backend.TrainBatch(plan, 1);
        backend.GetParameters(after);
        Assert.NotEqual(initial, after);
    }

    [Fact]
    public void DecayOnPlateauChangesTheTrajectoryOnlyAfterAPlateau()
    {
        var options = TestOptions.Model with { EmbeddingSize = 12 };
        // Overfits quickly at this rate, so validation RMSE turns up within a few epochs.
        var run = Options(12) with { Adam = new AdamOptions { LearningRate = 0.05f, Variant = AdamVariant.Lazy } };
        var plain = HybridTrainer.Train(Data, Split.Train, options, run);
        var decayed = HybridTrainer.Train(Data, Split.Train, options, run with { LearningRateDecay = 0.1f });
        int firstPlateau = Enumerable.Range(1, plain.History.Count - 1).First(e => plain.History[e].ValidationRmse >= plain.History.Take(e).Min(h => h.ValidationRmse));
        for (int e = 0; e <= firstPlateau; e++) Assert.Equal(plain.History[e].ValidationRmse, decayed.History[e].ValidationRmse); // identical up to the first plateau
        Assert.NotEqual(plain.History[^1].ValidationRmse, decayed.History[^1].ValidationRmse);
    }

    [Fact]
    public void RefitTrainsOnAllRatingsForTheBestEpochCount()
    {
        var options = TestOptions.Model with { EmbeddingSize = 6 };
        var run = Options(6) with { RestoreBestEpoch = true };
        var best = HybridTrainer.Train(Data, Split.Train, options, run);
        var refit = HybridTrainer.Train(Data, Split.Train, options, run with { RefitOnAllData = true });
        Assert.NotEqual(best.Model.Members[0], refit.Model.Members[0]);
        int bestEpoch = best.BestEpoch;
        // The refit pass adds bestEpoch epochs over all training ratings (validation part included).
        Assert.Equal(best.SamplesTrained + (long)bestEpoch * Split.Train.Count, refit.SamplesTrained);
        Assert.Throws<ArgumentException>(() => HybridTrainer.Train(Data, Split.Train, options, Options() with { RefitOnAllData = true }));
    }

    [Fact]
    public void WholeTableL2NeedsDenseAdam()
    {
        var e = Assert.Throws<ArgumentException>(() => HybridTrainer.Train(Data, Split.Train,
            TestOptions.Model with { EmbeddingSize = 4, EmbeddingTableL2 = 1e-4f }, Options()));
        Assert.Contains("dense Adam", e.Message);
        var ok = HybridTrainer.Train(Data, Split.Train, TestOptions.Model with { EmbeddingSize = 4, EmbeddingTableL2 = 1e-4f },
            Options(1) with { Adam = new AdamOptions { Variant = AdamVariant.Dense } });
        Assert.Single(ok.Model.Members);
    }
}
