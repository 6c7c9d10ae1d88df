using HybridRec.Data;
using HybridRec.Model.Tests.TestData;
using HybridRec.Model.Training;

namespace HybridRec.Model.Tests.Training;

/// <summary>What a training result reports: one definition of the training time and throughput whatever the schedule, and each member's step time apart.</summary>
public sealed class TrainingResultTests
{
    private static readonly RatingDataset Data = SyntheticDataset.Create(users: 30, movies: 40, ratingsPerUser: 14);
    private static readonly RatingSplit Split = SyntheticDataset.Split(Data.Ratings, 0.2, 5);
    private static readonly HybridModelOptions Model = new() { EmbeddingSize = 6 };

    private static TrainingOptions Options => TestOptions.Training with
    {
        Epochs = 4, BatchSize = 16, Seed = 3, ProgressInterval = 0, EnsembleSize = 3, Patience = 2, RestoreBestEpoch = true, RefitOnAllData = true,
        Adam = new AdamOptions { LearningRate = 0.01f },
    };

    [Theory]
    [InlineData(1)]
    [InlineData(3)]
    public void TrainTimeIsTheWallTimeAndEachMembersStepTimeIsReportedApart(int concurrent)
    {
        var result = HybridTrainer.Train(Data, Split.Train, Model, Options with { ConcurrentMembers = concurrent, Threads = concurrent });
        Assert.Equal(3, result.MemberTrainTimes.Count);
        Assert.Equal(3, result.MemberSamplesTrained.Count);
        Assert.Equal(result.SamplesTrained, result.MemberSamplesTrained.Sum());
        // Each member's samples: its epochs over its fitting part plus the refit's epochs over the whole training table.
        for (int m = 0; m < 3; m++)
        {
            int epochs = result.History.Count(h => h.Member == m);
            Assert.Equal((long)epochs * result.TrainSamples + (long)result.BestEpochs[m] * Split.Train.Count, result.MemberSamplesTrained[m]);
        }
        // The wall time contains every member's steps: all of them in turn, each of them when concurrent.
        var steps = result.MemberTrainTimes.Aggregate(TimeSpan.Zero, (a, t) => a + t);
        if (concurrent == 1) Assert.True(result.TrainTime >= steps, $"{result.TrainTime} < {steps}");
        else Assert.All(result.MemberTrainTimes, t => Assert.True(result.TrainTime >= t, $"{result.TrainTime} < {t}"));
        Assert.Equal(result.SamplesTrained / result.TrainTime.TotalSeconds, result.SamplesPerSecond, 6);
        Assert.Equal(result.SamplesTrained / steps.TotalSeconds, result.StepSamplesPerSecond, 6);
    }
}
