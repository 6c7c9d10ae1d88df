using HybridRec.Data;
using HybridRec.Model.Backends;
using HybridRec.Model.Tests.TestData;
using HybridRec.Model.Training;

namespace HybridRec.Model.Tests.Training;

public sealed class ConcurrentMembersTests
{
    private static readonly RatingDataset Data = SyntheticDataset.Create(users: 30, movies: 40, ratingsPerUser: 14);
    private static readonly RatingSplit Split = SyntheticDataset.Split(Data.Ratings, 0.2, 5);
    private static readonly HybridModelOptions Model = new() { EmbeddingSize = 6, UseBiases = true, EmbeddingTableL2 = 1e-3f };

    private static TrainingOptions Options => TestOptions.Training with
    {
        Epochs = 6, BatchSize = 16, Seed = 11, ProgressInterval = 0, EnsembleSize = 3, Patience = 2, RestoreBestEpoch = true, RefitOnAllData = true,
        Adam = new AdamOptions { LearningRate = 0.01f, Variant = AdamVariant.Dense },
    };

    [Fact]
    public void TrainingMembersConcurrentlyGivesTheSameModelAsTrainingThemInTurn()
    {
        var inTurn = HybridTrainer.Train(Data, Split.Train, Model, Options with { ConcurrentMembers = 1, Threads = 2 });
        var atOnce = HybridTrainer.Train(Data, Split.Train, Model, Options with { ConcurrentMembers = 3, Threads = 3 });
        Assert.Equal(1, inTurn.ConcurrentMembers);
        Assert.Equal(3, atOnce.ConcurrentMembers);
        Assert.Equal(inTurn.Model.Members, atOnce.Model.Members);
        Assert.Equal(inTurn.BestEpochs, atOnce.BestEpochs);
        Assert.Equal(inTurn.SamplesTrained, atOnce.SamplesTrained);
        Assert.Equal(inTurn.History.Select(h => (h.Member, h.Epoch, h.TrainRmse, h.ValidationRmse)),
                     atOnce.History.Select(h => (h.Member, h.Epoch, h.TrainRmse, h.ValidationRmse)));
    }

    [Fact]
    public void ProgressFromConcurrentMembersCoversEveryMemberAndNeverOverlaps()
    {
        var progress = new RecordingProgress();
        var result = HybridTrainer.Train(Data, Split.Train, Model, Options with { ConcurrentMembers = 2, Threads = 2 }, progress);
        Assert.False(progress.Overlapped);
        var epochs = progress.Reports.Where(r => r.Epoch is not null).Select(r => (r.Member, r.Epoch!.Epoch)).Order().ToList();
        Assert.Equal(result.History.Select(h => (h.Member, h.Epoch)).Order(), epochs);
    }

    [Fact]
    public void AFailingMemberStopsTheOthersAndSurfacesAsItself()
    {
        int calls = 0;
        var e = Assert.Throws<InvalidOperationException>(() => HybridTrainer.Train(Data, Split.Train, Model, Options with { ConcurrentMembers = 2, Threads = 2 },
            setup => Interlocked.Increment(ref calls) == 2 ? throw new InvalidOperationException("member backend failed") : ModelBackends.Create(BackendKind.Cpu, setup)));
        Assert.Equal("member backend failed", e.Message);
        Assert.InRange(calls, 2, 3);   // the third member starts only if it was picked up before the failure
    }

    [Fact]
    public void ACancelledRunThrowsOperationCanceled()
    {
        using var cts = new CancellationTokenSource();
        cts.Cancel();
        Assert.ThrowsAny<OperationCanceledException>(() => HybridTrainer.Train(Data, Split.Train, Model, Options with { ConcurrentMembers = 2 }, cancellationToken: cts.Token));
    }

    [Theory]
    [InlineData(BackendKind.Cpu, 0, 2, 5, 2)]     // auto: one member per thread
    [InlineData(BackendKind.Cpu, 0, 8, 3, 3)]     // … at most the ensemble size
    [InlineData(BackendKind.Cpu, 0, 4, 1, 1)]     // a single model
    [InlineData(BackendKind.Cuda, 0, 8, 5, 1)]    // a device backend trains members in turn
    [InlineData(BackendKind.Cuda, 2, 8, 5, 2)]    // unless asked otherwise
    [InlineData(BackendKind.Cpu, 4, 1, 2, 2)]     // an explicit value is capped by the ensemble size
    public void ConcurrentMembersResolves(BackendKind backend, int requested, int threads, int ensemble, int expected) =>
        Assert.Equal(expected, HybridTrainer.ResolveConcurrentMembers(TestOptions.Training with { Backend = backend, ConcurrentMembers = requested, Threads = threads, EnsembleSize = ensemble }));

    [Fact]
    public void NegativeConcurrentMembersAreRejected()
    {
        var e = Assert.Throws<ArgumentException>(() => (TestOptions.Training with { ConcurrentMembers = -1 }).Validate());
        Assert.Contains("concurrent members", e.Message);
    }

    private sealed class RecordingProgress : IProgress<TrainingProgress>
    {
        private int _inside;
        public List<TrainingProgress> Reports { get; } = [];
        public bool Overlapped { get; private set; }

        public void Report(TrainingProgress value)
        {
            if (Interlocked.Increment(ref _inside) > 1) Overlapped = true;
            Thread.Sleep(1);
            Reports.Add(value);
            Interlocked.Decrement(ref _inside);
        }
    }
}
