using System.Diagnostics;
using HybridRec.Bench.Cli;
using HybridRec.Bench.Commands;
using HybridRec.Bench.Configuration;
using HybridRec.Data;
using HybridRec.Kernels;
using HybridRec.Model.Backends;
using HybridRec.Model.Parameters;
using HybridRec.Model.Training;

namespace HybridRec.Bench.Throughput;

/// <summary>Where one ILGPU training step spends its time: per phase, synchronising after each, next to the unsynchronised step time.</summary>
internal static class ProfileStepCommand
{
    public const string Usage = """
        profile-step [options]   time the phases of one ILGPU training step (synchronised per phase)
          --backend B            cuda (default when present) | ilgpu-cpu | opencl
          --batch-size N         samples per step (default 1048576, capped at the training set)
          --adam dense|lazy      optimiser variant (default lazy)
          --steps N              profiled steps (default 20)
          --data PATH  --min-tag-count N  --max-ratings N  --preset P  --config FILE
        """;

    public static int Run(IReadOnlyList<string> args, TextWriter output)
    {
        var cl = CliArguments.Parse("profile-step", args, ["backend", "batch-size", "adam", "steps", "data", "min-tag-count", "max-ratings", "split", "preset", "config"], []);
        var kind = (cl.Choice("backend", "cuda", "ilgpu-cpu", "opencl") ?? (ComputeDevice.IsCudaAvailable ? "cuda" : "ilgpu-cpu")) switch
        {
            "cuda" => DeviceKind.Cuda,
            "opencl" => DeviceKind.OpenCL,
            _ => DeviceKind.IlgpuCpu,
        };
        string adam = cl.Choice("adam", "dense", "lazy") ?? "lazy";
        int steps = cl.Int("steps", 1, 100_000) ?? 20;
        var config = ConfigurationFlags.Resolve(cl, ConfigurationFlags.PresetName(cl, "seed"), readAdam: false);
        var (data, _) = DataSelection.Load(cl, config.MinTagCount, output);
        var samples = TrainingSamples.FromRatings(DataSelection.Split(cl, data, 42).Train, data.Scale);
        int batch = Math.Min(cl.Int("batch-size", 1) ?? 1 << 20, samples.Count);

        ThroughputContext.Config = config;
        ThroughputContext.Threads = 0;
        var setup = TrainStepBenchmark.CreateSetup(data, adam);
        using var device = ComputeDevice.Create(kind);
        using var backend = new IlgpuBackend(setup, device);
        backend.SetParameters(ParameterInitializer.Create(setup.Layout, 42));
        var plan = new EpochPlan(samples, batch, data.Users.Count, data.Items.Count);
        plan.Shuffle(new SeededRandom(7));
        int full = plan.BatchLength(plan.BatchCount - 1) == batch ? plan.BatchCount : Math.Max(1, plan.BatchCount - 1);
        output.WriteLine($"profile-step: {device.Info}");
        output.WriteLine($"batch {batch:N0}, {adam} Adam, {full} full batches in the plan, {steps} profiled steps");

        for (int i = 0; i < 3; i++) backend.TrainBatch(plan, i % full);   // warm-up: kernels compiled, buffers allocated
        backend.Synchronize();

        var clock = Stopwatch.StartNew();
        for (int i = 0; i < steps; i++) backend.TrainBatch(plan, i % full);
        backend.Synchronize();
        double plain = clock.Elapsed.TotalMilliseconds / steps;

        var profile = new StepProfile();
        backend.Profile = profile;
        for (int i = 0; i < steps; i++) backend.TrainBatch(plan, i % full);
        backend.Profile = null;
        output.WriteLine(profile.Format(steps));
        output.WriteLine($"step without per-phase synchronisation: {plain:0.000} ms → {batch / plain * 1e3:N0} samples/s");
        return 0;
    }
}
