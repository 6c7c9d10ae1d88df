using HybridRec.Data;
using HybridRec.Kernels;
using HybridRec.Model.Backends;
using HybridRec.Model.Parameters;
using HybridRec.Model.Tests.TestData;
using HybridRec.Model.Training;

namespace HybridRec.Model.Tests.Training;

/// <summary>
/// Training never returns a broken model: a loss or parameter that stops being finite ends the run with a
/// <see cref="TrainingDivergedException"/> naming the member and the epoch (refit epochs included), on the managed
/// CPU backend and on the ILGPU kernels alike.
/// </summary>
public sealed class DivergenceTests
{
    private static readonly RatingDataset Data = SyntheticDataset.Create(users: 12, movies: 15, ratingsPerUser: 8);
    private static readonly RatingSplit Split = SyntheticDataset.Split(Data.Ratings, 0.2, 3);
    private static readonly HybridModelOptions Model = TestOptions.Model with { EmbeddingSize = 4 };

    private static TrainingOptions Options(float learningRate = 0.01f) => TestOptions.Training with
    {
        Epochs = 3, BatchSize = 16, ProgressInterval = 0, Adam = new AdamOptions { LearningRate = learningRate },
    };

    [Theory]
    [InlineData(BackendKind.Cpu)]
    [InlineData(BackendKind.IlgpuCpu)]
    public void AnAbsurdLearningRateStopsTheRunNamingMemberAndEpoch(BackendKind backend) => AbsurdLearningRate(backend);

    [Fact]
    [Trait("Category", "Cuda")]
    public void AnAbsurdLearningRateStopsTheRunOnCuda()
    {
        if (!ComputeDevice.IsCudaAvailable) Assert.Skip("no CUDA device: the CUDA divergence test needs an NVIDIA GPU.");
        AbsurdLearningRate(BackendKind.Cuda);
    }

    private static void AbsurdLearningRate(BackendKind backend)
    {
        var e = Assert.Throws<TrainingDivergedException>(() =>
            HybridTrainer.Train(Data, Split.Train, Model, Options(1e30f) with { Backend = backend, EnsembleSize = 2, ConcurrentMembers = 1 }));
        Assert.Equal(0, e.Member);
        Assert.Equal(1, e.Epoch);
        Assert.False(e.Refit);
        Assert.StartsWith("training diverged: ensemble member 1/2, epoch 1: ", e.Message);
        Assert.Contains("lower the learning rate (now 1E+30)", e.Message);
        // Whether the loss or a parameter gives out first, the reason says which.
        Assert.Matches("the training loss is (NaN|infinite)|parameter [a-z_]+\\[\\d+, \\d+\\] is ", e.Reason);
    }

    [Fact]
    public void ANonFiniteParameterIsNamedBySliceRowAndColumnEvenWhenTheLossIsFinite()
    {
        // The backend reports item_cf[3, 1] as NaN from its second parameter read on (the check after epoch 2; nothing
        // else reads them in this schedule); the loss it reports stays finite.
        var layout = BackendSetup.Create(Data, Model, new AdamOptions(), 0f).Layout;
        int index = layout.ItemCf.Offset + 3 * layout.E + 1;
        var e = Assert.Throws<TrainingDivergedException>(() => HybridTrainer.Train(Data, Split.Train, Model, Options() with { EnsembleSize = 2, ConcurrentMembers = 1 },
            setup => new PoisonedBackend(new CpuBackend(setup), index, (gets, _) => gets >= 2)));
        Assert.Equal("training diverged: ensemble member 1/2, epoch 2: parameter item_cf[3, 1] is NaN; lower the learning rate (now 0.01).", e.Message);
        Assert.Equal("parameter item_cf[3, 1] is NaN", e.Reason);
    }

    [Fact]
    public void TheSecondMemberAndTheRefitAreCheckedToo()
    {
        var layout = BackendSetup.Create(Data, Model, new AdamOptions(), 0f).Layout;
        int created = 0;
        // Member 2's backend turns out_bias into +∞ once SetParameters has been called twice: at the start of its refit.
        var run = Options() with { EnsembleSize = 2, ConcurrentMembers = 1, Patience = 5, RestoreBestEpoch = true, RefitOnAllData = true, ValidationFraction = 0.2 };
        var e = Assert.Throws<TrainingDivergedException>(() => HybridTrainer.Train(Data, Split.Train, Model, run, setup =>
        {
            bool second = ++created == 2;
            return new PoisonedBackend(new CpuBackend(setup), layout.OutBias.Offset, (_, sets) => second && sets >= 2, float.PositiveInfinity);
        }));
        Assert.Equal((1, 1, true), (e.Member, e.Epoch, e.Refit));
        Assert.StartsWith("training diverged: ensemble member 2/2, refit epoch 1: parameter out_bias[0, 0] is +∞", e.Message);
    }

    [Fact]
    public void ParametersBeyondTheServingBoundStopTheRunAsDivergence()
    {
        var layout = BackendSetup.Create(Data, Model, new AdamOptions(), 0f).Layout;
        var e = Assert.Throws<TrainingDivergedException>(() => HybridTrainer.Train(Data, Split.Train, Model, Options(),
            setup => new PoisonedBackend(new CpuBackend(setup), layout.NnKernel.Offset + 2, (_, _) => true, 5e6f)));
        Assert.Contains("epoch 1: parameter nn_kernel[0, 2] is 5E+06, beyond ±1E+06", e.Message);
    }

    [Fact]
    public void AHealthyRunIsNotStopped()
    {
        var result = HybridTrainer.Train(Data, Split.Train, Model, Options() with { EnsembleSize = 2, RefitOnAllData = true, RestoreBestEpoch = true, Patience = 2, ValidationFraction = 0.2 });
        Assert.All(result.Model.Members, p => Assert.True(ParameterCheck.FirstOutOfRange(p) < 0));
        Assert.Empty(result.Warnings);
    }

    [Fact]
    public void TheVectorisedScanFindsTheFirstValueOutOfRangeAnywhere()
    {
        foreach (int length in new[] { 0, 1, 7, 8, 9, 31, 64, 100 })
        {
            var values = Enumerable.Range(0, length).Select(i => (float)Math.Sin(i) * 1e5f).ToArray();
            Assert.Equal(-1, ParameterCheck.FirstOutOfRange(values));
            for (int at = 0; at < length; at++)
                foreach (float bad in new[] { float.NaN, float.PositiveInfinity, float.NegativeInfinity, 1.0001e6f, -3e38f })
                {
                    var copy = (float[])values.Clone();
                    copy[at] = bad;
                    if (at + 1 < length) copy[length - 1] = float.NaN;   // a later one does not hide the first
                    Assert.Equal(at, ParameterCheck.FirstOutOfRange(copy));
                }
        }
        Assert.Equal(-1, ParameterCheck.FirstOutOfRange([1e6f, -1e6f, 0f, -0f, float.Epsilon]));
    }

    /// <summary>
    /// A CPU backend whose <see cref="GetParameters"/> reports <paramref name="value"/> at <paramref name="index"/> when
    /// <paramref name="poisoned"/>(GetParameters calls so far, this one included; SetParameters calls) is true; everything
    /// else it passes through.
    /// </summary>
    private sealed class PoisonedBackend(CpuBackend inner, int index, Func<int, int, bool> poisoned, float value = float.NaN) : IModelBackend
    {
        private int _gets, _sets;

        public string Name => inner.Name;
        public string DeviceDescription => inner.DeviceDescription;
        public ParameterLayout Layout => inner.Layout;
        public long Step => inner.Step;
        public float LearningRate { get => inner.LearningRate; set => inner.LearningRate = value; }

        public void SetParameters(ReadOnlySpan<float> parameters)
        {
            _sets++;
            inner.SetParameters(parameters);
        }

        public void GetParameters(Span<float> destination)
        {
            inner.GetParameters(destination);
            if (poisoned(++_gets, _sets)) destination[index] = value;
        }

        public void TrainBatch(EpochPlan plan, int batch) => inner.TrainBatch(plan, batch);

        public (double SumSquaredError, long Count) TakeLoss() => inner.TakeLoss();
        public void Predict(ReadOnlySpan<int> users, ReadOnlySpan<int> items, Span<float> output) => inner.Predict(users, items, output);
        public void Synchronize() => inner.Synchronize();
        public void Dispose() => inner.Dispose();
    }
}
