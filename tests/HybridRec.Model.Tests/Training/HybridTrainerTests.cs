using HybridRec.Data;
using HybridRec.Model.Backends;
using HybridRec.Model.Evaluation;
using HybridRec.Model.Parameters;
using HybridRec.Model.Tests.TestData;
using HybridRec.Model.Training;

namespace HybridRec.Model.Tests.Training;

public sealed class HybridTrainerTests
{
    private static readonly RatingDataset Data = SyntheticDataset.Create();
    private static readonly RatingSplit Split = SyntheticDataset.Split(Data.Ratings, 0.2, 1);

    private static TrainingOptions Fast(int epochs = 25) => TestOptions.Training with
    {
        Epochs = epochs, BatchSize = 32, Seed = 3, ProgressInterval = 0,
        Adam = new AdamOptions { LearningRate = 0.01f, Variant = AdamVariant.Lazy },
    };

    [Fact]
    public void TrainingLearnsTheKnownStructureAndBeatsUntrainedAndMeanBaselines()
    {
        var options = TestOptions.Model with { EmbeddingSize = 8, UseBiases = true, EmbeddingL2 = 0.01f };
        var trained = HybridTrainer.Train(Data, Split.Train, options, Fast());
        var untrained = HybridTrainer.Train(Data, Split.Train, options, Fast() with { Epochs = 1, Adam = new AdamOptions { LearningRate = 1e-9f } });

        double trainedRmse = trained.Model.Evaluate(Split.Test).RmseStars;
        double untrainedRmse = untrained.Model.Evaluate(Split.Test).RmseStars;
        double mean = Split.Train.Stars.ToArray().Average();
        double meanRmse = Math.Sqrt(Split.Test.Stars.ToArray().Select(s => (s - mean) * (s - mean)).Average());

        // The generator's noise is 0.15 stars plus half-star rounding (~0.14): a model that learns the structure lands far below the mean predictor.
        Assert.True(trainedRmse < 0.6 * meanRmse, $"trained {trainedRmse:F3} vs mean predictor {meanRmse:F3}");
        Assert.True(untrainedRmse > meanRmse, $"untrained {untrainedRmse:F3} should be no better than the mean predictor {meanRmse:F3}");
        Assert.Equal(25, trained.History.Count);
        Assert.True(trained.History[^1].TrainRmse < trained.History[0].TrainRmse);
    }

    [Fact]
    public void TheSameSeedGivesBitIdenticalParametersWhateverTheThreadCount()
    {
        var options = TestOptions.Model with { EmbeddingSize = 6 };
        var a = HybridTrainer.Train(Data, Split.Train, options, Fast(3) with { BatchSize = 512, Threads = 1 });
        var b = HybridTrainer.Train(Data, Split.Train, options, Fast(3) with { BatchSize = 512, Threads = 4 });
        var c = HybridTrainer.Train(Data, Split.Train, options, Fast(3) with { BatchSize = 512, Threads = 4, Seed = 4 });
        Assert.Equal(a.Model.Members[0], b.Model.Members[0]);
        Assert.NotEqual(a.Model.Members[0], c.Model.Members[0]);
    }

    [Fact]
    public void ProgressIsReportedPerEpochAndEveryNBatches()
    {
        var reports = new List<TrainingProgress>();
        var progress = new SynchronousProgress<TrainingProgress>(reports.Add);
        var result = HybridTrainer.Train(Data, Split.Train, TestOptions.Model with { EmbeddingSize = 4 }, Fast(2) with { ProgressInterval = 10 }, progress);
        int batches = (result.TrainSamples + 31) / 32;
        Assert.Equal(2, reports.Count(r => r.Epoch is not null));
        Assert.Equal(2 * ((batches - 1) / 10), reports.Count(r => r.Epoch is null));
        Assert.All(reports, r => Assert.InRange(r.Batch, 1, batches));
        Assert.All(reports.Where(r => r.Epoch is not null), r => Assert.False(double.IsNaN(r.Epoch!.ValidationRmse)));
    }

    [Fact]
    public void CancellationStopsTraining()
    {
        using var cts = new CancellationTokenSource();
        var progress = new SynchronousProgress<TrainingProgress>(p => { if (p.Batch >= 5) cts.Cancel(); });
        Assert.ThrowsAny<OperationCanceledException>(() =>
            HybridTrainer.Train(Data, Split.Train, TestOptions.Model with { EmbeddingSize = 4 }, Fast(50) with { ProgressInterval = 5 }, progress, cts.Token));
    }

    [Fact]
    public void EarlyStoppingRestoresTheBestValidationEpoch()
    {
        // A large learning rate without regularisation overfits quickly, so validation RMSE turns up early.
        var options = TestOptions.Model with { EmbeddingSize = 16 };
        var run = Fast(60) with { Patience = 2, RestoreBestEpoch = true, Adam = new AdamOptions { LearningRate = 0.05f } };
        var result = HybridTrainer.Train(Data, Split.Train, options, run);
        Assert.True(result.StoppedEarly);
        int best = result.History.MinBy(h => h.ValidationRmse)!.Epoch;
        Assert.Equal(best, result.BestEpoch);
        Assert.Equal(best + 2, result.History.Count);
        // The restored parameters reproduce the best epoch's validation RMSE.
        var all = TrainingSamples.FromRatings(Split.Train, Data.Scale);
        var (_, validation) = HybridTrainer.CarveValidation(all, run.ValidationFraction, run.Seed);
        var predictions = new float[validation.Count];
        result.Model.PredictNormalized(validation.Users, validation.Items, predictions);
        var metrics = RatingMetrics.Compute(predictions, validation.Targets, Data.Scale.Range);
        Assert.Equal(result.History[best - 1].ValidationRmse, metrics.Rmse, 6);
    }

    [Fact]
    public void InvalidOptionsAreRejectedWithClearMessages()
    {
        var e = Assert.Throws<ArgumentException>(() => HybridTrainer.Train(Data, Split.Train, TestOptions.Model, TestOptions.Training with { BatchSize = 0 }));
        Assert.Contains("batch size", e.Message);
        e = Assert.Throws<ArgumentException>(() => HybridTrainer.Train(Data, Split.Train, TestOptions.Model with { EmbeddingSize = 0 }, TestOptions.Training));
        Assert.Contains("EmbeddingSize", e.Message);
        e = Assert.Throws<ArgumentException>(() => HybridTrainer.Train(Data, Split.Train, TestOptions.Model, TestOptions.Training with { Patience = 2, ValidationFraction = 0 }));
        Assert.Contains("validation", e.Message);
    }

    [Fact]
    public void ValidationCarveOutIsASeededPartition()
    {
        var all = TrainingSamples.FromRatings(Split.Train, Data.Scale);
        var (fit, val) = HybridTrainer.CarveValidation(all, 0.1, 9);
        Assert.Equal((int)Math.Round(0.1 * all.Count), val.Count);
        Assert.Equal(all.Count, fit.Count + val.Count);
        var (_, val2) = HybridTrainer.CarveValidation(all, 0.1, 9);
        Assert.Equal(val.Users, val2.Users);
        Assert.Equal(val.Items, val2.Items);
    }

    private sealed class SynchronousProgress<T>(Action<T> handler) : IProgress<T>
    {
        public void Report(T value) => handler(value);
    }
}
