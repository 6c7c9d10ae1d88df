using BenchmarkDotNet.Attributes;
using HybridRec.Data;
using HybridRec.Kernels;
using HybridRec.Model.Backends;
using HybridRec.Model.Parameters;
using HybridRec.Model.Training;

namespace HybridRec.Bench.Throughput;

/// <summary>
/// One full training step (forward, backward, Adam) of the configured model per batch size, backend and Adam
/// variant. Set-up builds the epoch plan and checks the backend's gradient against the managed CPU backend
/// before anything is timed; GPU work is synchronised inside the measured region.
/// </summary>
public class TrainStepBenchmark
{
    private IModelBackend? _backend;
    private EpochPlan? _plan;
    private int _next;

    /// <summary>The cases to run (from <c>throughput</c>'s options).</summary>
    public static IEnumerable<StepCase> Cases => ThroughputContext.Cases;

    /// <summary>Backend, batch size and Adam variant.</summary>
    [ParamsSource(nameof(Cases))]
    public StepCase Case { get; set; } = new("cpu", 64, "lazy");

    /// <summary>Creates the backend and plan and validates the backend against the CPU reference.</summary>
    [GlobalSetup]
    public void Setup()
    {
        var data = ThroughputContext.RequireData();
        var samples = ThroughputContext.RequireSamples();
        var setup = CreateSetup(data, Case.Adam, samples);
        var initial = ParameterInitializer.Create(setup.Layout, 42);
        _backend = ModelBackends.Create(BackendKinds.Parse(Case.Backend), setup);
        Validate(setup, initial, samples, _backend, Case, ThroughputContext.Log);
        _backend.SetParameters(initial);
        _plan = CreatePlan(setup, samples, Case.BatchSize);
        _next = 0;
        // One untimed step so that every kernel is compiled and every buffer allocated.
        _backend.TrainBatch(_plan, 0);
        _backend.Synchronize();
    }

    /// <summary>One training step on the next full batch, synchronised.</summary>
    [Benchmark]
    public void TrainStep()
    {
        _backend!.TrainBatch(_plan!, _next);
        _next++;
        if (_next >= _plan!.BatchCount || _plan.BatchLength(_next) < Case.BatchSize) _next = 0;
        _backend.Synchronize();
    }

    /// <summary>Releases the backend.</summary>
    [GlobalCleanup]
    public void Cleanup()
    {
        _backend?.Dispose();
        _backend = null;
        _plan = null;
    }

    /// <summary>
    /// The setup of the configured model with <paramref name="adam"/> Adam (lazy Adam drops the whole-table L2, which it
    /// cannot apply); with a ranking head, its loss options and the log q of <see cref="Negatives"/> over <paramref name="samples"/>.
    /// </summary>
    internal static BackendSetup CreateSetup(RatingDataset data, string adam, TrainingSamples samples)
    {
        var config = ThroughputContext.Config;
        var variant = Configuration.ConfigurationText.ParseAdam(adam);
        var model = variant == AdamVariant.Lazy ? config.Model with { EmbeddingTableL2 = 0 } : config.Model;
        var setup = BackendSetup.Create(data, model, config.Training.Adam with { Variant = variant }, model.UseBiases ? 0.6f : 0f, ThroughputContext.Threads)
            with { Ranking = config.Training.Ranking };
        return setup.WithRanking(config.Training.Ranking, Negatives(setup, samples));
    }

    /// <summary>The ranking head's sampler over <paramref name="samples"/> (null without a head).</summary>
    internal static NegativeSampler? Negatives(BackendSetup setup, TrainingSamples samples) =>
        setup.Layout.HasRankingHead ? new NegativeSampler(samples, setup.Layout.Dimensions.Users, setup.Layout.Dimensions.Items, setup.Ranking) : null;

    /// <summary>A shuffled plan of <paramref name="samples"/> in batches of <paramref name="batch"/>, with the head's candidates when <paramref name="setup"/> has one.</summary>
    internal static EpochPlan CreatePlan(BackendSetup setup, TrainingSamples samples, int batch, int seed = 7)
    {
        var plan = new EpochPlan(samples, batch, setup.Layout.Dimensions.Users, setup.Layout.Dimensions.Items, Negatives(setup, samples));
        plan.Shuffle(new SeededRandom(seed), seed);
        return plan;
    }

    /// <summary>
    /// Compares one batch gradient of <paramref name="backend"/> with the managed CPU backend from identical
    /// parameters (at most 8,192 samples: the code path does not depend on the batch size) and throws on a mismatch.
    /// </summary>
    internal static void Validate(BackendSetup setup, float[] initial, TrainingSamples samples, IModelBackend backend, StepCase c, TextWriter log)
    {
        if (backend is CpuBackend) return; // the reference itself
        int batch = Math.Min(c.BatchSize, Math.Min(8192, samples.Count));
        var plan = CreatePlan(setup, samples, batch, seed: 3);
        using var reference = new CpuBackend(setup);
        var expected = Gradient(reference, initial, plan);
        var actual = Gradient(backend, initial, plan);
        var check = KernelCheck.Compare(expected, actual, atol: 1e-6, rtol: 2e-3);
        log.WriteLine($"check {c}: gradient of a {batch}-sample batch vs the CPU backend: {check}");
        if (!check.Passed) throw new InvalidOperationException($"{c}: the backend's gradient disagrees with the CPU reference: {check}");
    }

    private static float[] Gradient(IModelBackend backend, float[] initial, EpochPlan plan)
    {
        backend.SetParameters(initial);
        var g = (IGradientBackend)backend;
        g.ComputeGradients(plan, 0);
        var result = new float[initial.Length];
        g.GetGradients(result);
        return result;
    }
}
