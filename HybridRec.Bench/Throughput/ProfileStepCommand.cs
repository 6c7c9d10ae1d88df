using System.Diagnostics;
using System.CommandLine;
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
internal sealed class ProfileStepCommand(SharedOptions shared)
{
    private readonly Option<Kernels.DeviceKind?> _backend = DeviceCommands.DeviceOption("cuda (default when present) | ilgpu-cpu | opencl");
    private readonly Option<int?> _batchSize = CliOption.Int("--batch-size", "samples per step (default 1048576, capped at the training set)", 1);
    private readonly Option<string?> _adam = CliOption.Word("--adam", "optimiser variant (default lazy)", "dense", "lazy");
    private readonly Option<int?> _steps = CliOption.Int("--steps", "profiled steps (default 20)", 1, 100_000);

    public Command Create()
    {
        var command = new Command("profile-step", "time the phases of one ILGPU training step (synchronised per phase)");
        shared.Data.AddMovieLensTo(command);
        shared.Configuration.AddPresetTo(command);
        foreach (var o in new Option[] { _backend, _batchSize, _adam, _steps }) command.Add(o);
        command.SetAction(Run);
        return command;
    }

    private int Run(ParseResult r)
    {
        var output = r.InvocationConfiguration.Output;
        var kind = DeviceCommands.DeviceOf(r, _backend);
        string adam = r.GetValue(_adam) ?? "lazy";
        int steps = r.GetValue(_steps) ?? 20;
        var config = shared.Configuration.Resolve(r, "seed");
        var (data, _) = shared.Data.Load(r, config.MinTagCount, output);
        var samples = TrainingSamples.FromRatings(shared.Data.SplitOf(r, data, TrainingOptions.DefaultSeed).Train, data.Scale);
        int batch = Math.Min(r.GetValue(_batchSize) ?? 1 << 20, samples.Count);

        ThroughputContext.Config = config;
        ThroughputContext.Threads = 0;
        var setup = TrainStepBenchmark.CreateSetup(data, adam, samples);
        using var device = ComputeDevice.Create(kind);
        using var backend = new IlgpuBackend(setup, device);
        backend.SetParameters(ParameterInitializer.Create(setup.Layout, 42));
        var plan = TrainStepBenchmark.CreatePlan(setup, samples, batch);
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
        return ExitCodes.Success;
    }
}
