using HybridRec.Data;
using HybridRec.Kernels;
using HybridRec.Model.Backends;
using HybridRec.Model.Parameters;
using HybridRec.Model.Tests.TestData;
using HybridRec.Model.Training;

namespace HybridRec.Model.Tests.Backends;

/// <summary>
/// The network composed from ILGPU kernels against the managed CPU backend: from identical parameters, the
/// gradient of a batch and several training steps (losses and parameters) agree, with item towers (genres, tags) and
/// a user tower (segment), and with item towers only; the ranking head in IlgpuBackendTests.Ranking.cs. Runs on ILGPU's CPU accelerator
/// (Category=Kernels) and on CUDA when a device is present (Category=Cuda; reported skipped otherwise).
/// </summary>
public abstract partial class IlgpuBackendAgreement(DeviceKind kind)
{
    private static readonly RatingDataset Data = SyntheticDataset.Create(users: 30, movies: 40, genres: 5, tags: 4, ratingsPerUser: 12, segments: 3);

    private ComputeDevice Device()
    {
        if (kind == DeviceKind.Cuda && !ComputeDevice.IsCudaAvailable) Assert.Skip("no CUDA device: the CUDA agreement tests need an NVIDIA GPU.");
        return ComputeDevice.Create(kind);
    }

    private static (BackendSetup Setup, float[] Initial, EpochPlan Plan) Build(AdamVariant adam, float tableL2 = 0f, bool userTowers = true)
    {
        var options = TestOptions.Model with
        {
            EmbeddingSize = 8, UseBiases = true, EmbeddingL2 = 0.05f, EmbeddingTableL2 = tableL2, DenseL2 = 0.01f,
            UserFeatureGroups = userTowers ? null : [], UserTowerWidths = new Dictionary<string, int> { ["segment"] = 3 },
        };
        // ε = 1e-3 keeps Adam's update proportional to small gradients: with Keras' 1e-7 the first step is
        // ≈ lr·sign(g), so float rounding could flip a near-zero gradient's update and hide real agreement.
        var setup = BackendSetup.Create(Data, options, new AdamOptions { Variant = adam, Epsilon = 1e-3f, LearningRate = 0.01f }, 0.6f, threads: 1);
        var layout = setup.Layout;
        Assert.Equal(userTowers ? 1 : 0, layout.UserTowers.Count);
        var samples = TrainingSamples.FromRatings(Data.Ratings, Data.Scale);
        var plan = new EpochPlan(samples, 37, layout.Dimensions.Users, layout.Dimensions.Items);
        plan.Shuffle(new SeededRandom(4));
        return (setup, ParameterInitializer.Create(layout, 9), plan);
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void BatchGradientMatchesTheCpuBackend(bool userTowers)
    {
        using var device = Device();
        var (setup, initial, plan) = Build(AdamVariant.Dense, tableL2: 0.02f, userTowers);
        var expected = Gradient(new CpuBackend(setup), initial, plan);
        using var ilgpu = new IlgpuBackend(setup, device);
        var actual = Gradient(ilgpu, initial, plan);
        var check = KernelCheck.Compare(expected, actual, atol: 1e-6, rtol: 1e-4);
        Assert.True(check.Passed, check.ToString());
        Assert.Contains(expected, g => g != 0f); // a gradient that is all zeros would prove nothing
        foreach (var tower in setup.Layout.UserTowers)   // nor would a user tower without gradient
            Assert.Contains(expected[tower.Kernel.Offset..tower.Kernel.End], g => g != 0f);
    }

    [Theory]
    [InlineData(AdamVariant.Dense)]
    [InlineData(AdamVariant.Lazy)]
    public void SeveralTrainingStepsGiveTheSameLossesAndParameters(AdamVariant adam)
    {
        using var device = Device();
        var (setup, initial, plan) = Build(adam);
        using var cpu = new CpuBackend(setup);
        using var ilgpu = new IlgpuBackend(setup, device);
        cpu.SetParameters(initial);
        ilgpu.SetParameters(initial);
        int steps = Math.Min(8, plan.BatchCount);
        for (int b = 0; b < steps; b++) TrainBoth(cpu, ilgpu, plan, b);
        var actual = SameParameters(cpu, ilgpu, initial.Length, steps);
        Assert.NotEqual(initial, actual); // training moved them

        // Predictions agree too.
        var u = plan.Users[..50];
        var m = plan.Items[..50];
        float[] p1 = new float[50], p2 = new float[50];
        cpu.Predict(u, m, p1);
        ilgpu.Predict(u, m, p2);
        var predictions = KernelCheck.Compare(p1, p2, atol: 1e-5, rtol: 1e-4);
        Assert.True(predictions.Passed, $"predictions: {predictions}");
    }

    /// <summary>One step of both backends on batch <paramref name="b"/>; their squared-error sums and counts agree.</summary>
    private static void TrainBoth(CpuBackend cpu, IlgpuBackend ilgpu, EpochPlan plan, int b)
    {
        cpu.TrainBatch(plan, b);
        ilgpu.TrainBatch(plan, b);
        var (cpuLoss, cpuCount) = cpu.TakeLoss();
        var (gpuLoss, gpuCount) = ilgpu.TakeLoss();
        Assert.Equal(cpuCount, gpuCount);
        Assert.True(Math.Abs(cpuLoss - gpuLoss) <= 1e-5 * cpuLoss + 1e-7, $"step {b}: loss {cpuLoss:R} (cpu) vs {gpuLoss:R} ({ilgpu.Name})");
    }

    /// <summary>The parameters of both backends agree after <paramref name="steps"/> steps; returns the ILGPU backend's.</summary>
    private static float[] SameParameters(CpuBackend cpu, IlgpuBackend ilgpu, int count, int steps)
    {
        var expected = new float[count];
        var actual = new float[count];
        cpu.GetParameters(expected);
        ilgpu.GetParameters(actual);
        var check = KernelCheck.Compare(expected, actual, atol: 2e-5, rtol: 1e-4);
        Assert.True(check.Passed, $"parameters after {steps} steps: {check}");
        return actual;
    }

    private static float[] Gradient(IModelBackend backend, float[] initial, EpochPlan plan)
    {
        backend.SetParameters(initial);
        ((IGradientBackend)backend).ComputeGradients(plan, 0);
        var g = new float[initial.Length];
        ((IGradientBackend)backend).GetGradients(g);
        return g;
    }
}

/// <summary>Agreement on ILGPU's CPU accelerator.</summary>
[Trait("Category", "Kernels")]
public sealed class IlgpuCpuBackendAgreementTests() : IlgpuBackendAgreement(DeviceKind.IlgpuCpu);

/// <summary>Agreement on CUDA.</summary>
[Trait("Category", "Cuda")]
public sealed class CudaBackendAgreementTests() : IlgpuBackendAgreement(DeviceKind.Cuda);
