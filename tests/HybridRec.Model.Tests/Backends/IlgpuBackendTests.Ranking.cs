using HybridRec.Data;
using HybridRec.Kernels;
using HybridRec.Model.Backends;
using HybridRec.Model.Parameters;
using HybridRec.Model.Tests.TestData;
using HybridRec.Model.Training;

namespace HybridRec.Model.Tests.Backends;

/// <summary>
/// The ranking head composed from the ILGPU kernels (DeviceRanking) against the managed CPU backend: from identical
/// parameters and the same plan (candidates, some of them masked), the gradient of a batch — with and without the
/// logQ correction and the whole-table L2 on the head — and several training steps with dense and lazy Adam and a
/// ranking learning-rate scale (both losses and the parameters) agree. ILGPU's CPU accelerator (Category=Kernels) and
/// CUDA (Category=Cuda; reported skipped without a GPU), in the same test classes as the rest of the network.
/// </summary>
public abstract partial class IlgpuBackendAgreement
{
    private const int Negatives = 5;

    private static (BackendSetup Setup, float[] Initial, EpochPlan Plan) BuildRanking(AdamVariant adam, bool logQ, float tableL2 = 0f, bool headTableL2 = true, float rankStepScale = 1.5f)
    {
        var options = TestOptions.Model with
        {
            EmbeddingSize = 8, UseBiases = true, EmbeddingL2 = 0.05f, EmbeddingTableL2 = tableL2, DenseL2 = 0.01f, RankingEmbeddingSize = 6,
        };
        var ranking = new RankingLossOptions
        {
            Negatives = Negatives, LogQCorrection = logQ, Weight = 0.7f, LearningRateScale = rankStepScale, TableL2 = headTableL2,
        };
        // ε = 1e-3 as in IlgpuBackendAgreement: Adam's update stays proportional to small gradients.
        var setup = BackendSetup.Create(Data, options, new AdamOptions { Variant = adam, Epsilon = 1e-3f, LearningRate = 0.01f }, 0.6f, threads: 1);
        var layout = setup.Layout;
        Assert.True(layout.HasRankingHead);
        var samples = TrainingSamples.FromRatings(Data.Ratings, Data.Scale);
        var sampler = new NegativeSampler(samples, layout.Dimensions.Users, layout.Dimensions.Items, ranking);
        setup = setup.WithRanking(ranking, sampler);
        Assert.Equal(logQ, setup.LogQ is not null);
        var plan = new EpochPlan(samples, 37, layout.Dimensions.Users, layout.Dimensions.Items, sampler);
        plan.Shuffle(new SeededRandom(4), negativeSeed: 11);
        // Mask every 7th negative (as exhausted rejection would): both backends must leave them out of the softmax.
        for (int e = 3; e < plan.CandidateMask.Length; e += 7)
            if (e % (1 + Negatives) != 0) plan.CandidateMask[e] = 0;
        return (setup, ParameterInitializer.Create(layout, 9), plan);
    }

    [Theory]
    [InlineData(true, 0f, true)]
    [InlineData(false, 0f, true)]
    [InlineData(true, 0.02f, true)]
    [InlineData(true, 0.02f, false)]
    public void RankingHeadBatchGradientMatchesTheCpuBackend(bool logQ, float tableL2, bool headTableL2)
    {
        using var device = Device();
        var (setup, initial, plan) = BuildRanking(AdamVariant.Dense, logQ, tableL2, headTableL2);
        var expected = Gradient(new CpuBackend(setup), initial, plan);
        using var ilgpu = new IlgpuBackend(setup, device);
        var actual = Gradient(ilgpu, initial, plan);
        var check = KernelCheck.Compare(expected, actual, atol: 1e-6, rtol: 1e-4);
        Assert.True(check.Passed, check.ToString());
        var l = setup.Layout;
        foreach (var slice in new[] { l.UserRank!, l.ItemRank!, l.ItemRankBias! })   // a head without gradient would prove nothing
            Assert.Contains(expected[slice.Offset..slice.End], g => g != 0f);
    }

    [Theory]
    [InlineData(AdamVariant.Dense)]
    [InlineData(AdamVariant.Lazy)]
    public void RankingHeadTrainingStepsGiveTheSameLossesAndParameters(AdamVariant adam)
    {
        using var device = Device();
        var (setup, initial, plan) = BuildRanking(adam, logQ: true);
        using var cpu = new CpuBackend(setup);
        using var ilgpu = new IlgpuBackend(setup, device);
        cpu.SetParameters(initial);
        ilgpu.SetParameters(initial);
        int steps = Math.Min(8, plan.BatchCount);
        for (int b = 0; b < steps; b++)
        {
            TrainBoth(cpu, ilgpu, plan, b);
            var (cpuRank, cpuCount) = cpu.TakeRankingLoss();
            var (gpuRank, gpuCount) = ilgpu.TakeRankingLoss();
            Assert.Equal(plan.BatchLength(b), cpuCount);
            Assert.Equal(cpuCount, gpuCount);
            // Per sample, a few ulps of the float logsumexp: 1e-5 relative to the sum of ≈ ln 6 per sample.
            Assert.True(Math.Abs(cpuRank - gpuRank) <= 1e-5 * cpuRank + 1e-6, $"step {b}: ranking loss {cpuRank:R} (cpu) vs {gpuRank:R} ({ilgpu.Name})");
            Assert.True(cpuRank > 0);
        }
        var actual = SameParameters(cpu, ilgpu, initial.Length, steps);
        var head = setup.Layout.UserRank!.Offset..setup.Layout.DenseOffset;
        Assert.NotEqual(initial[head], actual[head]); // training moved the head
    }

    /// <summary>
    /// The tuned default's fitting epochs (a refit follows): a layout with a head that does not train takes plans without
    /// candidates on both backends, which agree, and leaves the head's slices exactly as they were (dense Adam with the
    /// whole-table L2 on the head, and lazy Adam). This ran only on the CPU backend until a CUDA run of the main job refused it.
    /// </summary>
    [Theory]
    [InlineData(AdamVariant.Dense)]
    [InlineData(AdamVariant.Lazy)]
    public void AnUntrainedRankingHeadTakesPlansWithoutCandidatesAndStaysAsItIs(AdamVariant adam)
    {
        using var device = Device();
        var (setup, initial, _) = BuildRanking(adam, logQ: true, tableL2: adam == AdamVariant.Dense ? 0.02f : 0f, headTableL2: true);   // lazy Adam refuses λt
        setup = setup with { TrainRankingHead = false };
        var plain = new EpochPlan(TrainingSamples.FromRatings(Data.Ratings, Data.Scale), 37, setup.Layout.Dimensions.Users, setup.Layout.Dimensions.Items);
        plain.Shuffle(new SeededRandom(4));
        using var cpu = new CpuBackend(setup);
        using var ilgpu = new IlgpuBackend(setup, device);
        cpu.SetParameters(initial);
        ilgpu.SetParameters(initial);
        int steps = Math.Min(6, plain.BatchCount);
        for (int b = 0; b < steps; b++) TrainBoth(cpu, ilgpu, plain, b);
        Assert.Equal((0d, 0L), ilgpu.TakeRankingLoss());
        var actual = SameParameters(cpu, ilgpu, initial.Length, steps);
        var head = setup.Layout.UserRank!.Offset..setup.Layout.DenseOffset;
        Assert.Equal(initial[head], actual[head]);
        Assert.NotEqual(initial[..head.Start], actual[..head.Start]);   // the rest trained
    }

    [Fact]
    public void RankingHeadRefusesAPlanWithoutCandidates()
    {
        using var device = Device();
        var (setup, initial, _) = BuildRanking(AdamVariant.Dense, logQ: true);
        var plain = new EpochPlan(TrainingSamples.FromRatings(Data.Ratings, Data.Scale), 37, setup.Layout.Dimensions.Users, setup.Layout.Dimensions.Items);
        using var ilgpu = new IlgpuBackend(setup, device);
        ilgpu.SetParameters(initial);
        var ex = Assert.Throws<ArgumentException>(() => ilgpu.TrainBatch(plain, 0));
        Assert.Contains("NegativeSampler", ex.Message);
    }
}
