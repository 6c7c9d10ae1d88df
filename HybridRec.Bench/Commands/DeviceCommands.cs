using System.CommandLine;
using System.Runtime.InteropServices;
using HybridRec.Bench.Cli;
using HybridRec.Kernels;

namespace HybridRec.Bench.Commands;

/// <summary><c>device-info</c> and <c>check-kernels</c>: what ILGPU sees, and every kernel against its CPU twin.</summary>
internal static class DeviceCommands
{
    /// <summary>The <c>--backend</c> of the commands that run ILGPU kernels directly (no managed CPU backend).</summary>
    public static Option<DeviceKind?> DeviceOption(string description) =>
        CliOption.Choice("--backend", description, ("cuda", DeviceKind.Cuda), ("opencl", DeviceKind.OpenCL), ("ilgpu-cpu", DeviceKind.IlgpuCpu));

    /// <summary>The device given, or CUDA when present, else ILGPU's CPU accelerator.</summary>
    public static DeviceKind DeviceOf(ParseResult r, Option<DeviceKind?> option) =>
        r.GetValue(option) ?? (ComputeDevice.IsCudaAvailable ? DeviceKind.Cuda : DeviceKind.IlgpuCpu);

    public static Command CreateInfo()
    {
        var command = new Command("device-info", "list the devices ILGPU sees (name, type, architecture, instruction set, driver, memory)");
        command.SetAction(r =>
        {
            var output = r.InvocationConfiguration.Output;
            output.WriteLine($"host: {Environment.ProcessorCount} logical processors, {RuntimeInformation.OSDescription}, {RuntimeInformation.FrameworkDescription}");
            output.WriteLine($"CUDA available: {ComputeDevice.IsCudaAvailable}");
            foreach (var d in ComputeDevice.List()) output.WriteLine($"  {d}");
            if (ComputeDevice.IsCudaAvailable)
            {
                using var cuda = ComputeDevice.Create(DeviceKind.Cuda);
                output.WriteLine($"created: {cuda.Info}");
            }
            return ExitCodes.Success;
        });
        return command;
    }

    public static Command CreateCheck()
    {
        var backend = DeviceOption("cuda | opencl | ilgpu-cpu (default: cuda when present, else ilgpu-cpu)");
        var cases = CliOption.Int("--cases", "random cases per kernel (default 5)", 1, 1000);
        var large = CliOption.Flag("--large", "make the last case of each kernel GPU-sized (n up to ~1M)");
        var seed = CliOption.Long("--seed", "seed of shapes and values (default 1)", helpName: "S");
        var command = new Command("check-kernels", "run every kernel against its plain-loop CPU twin on random shapes and report the largest differences (exit 1 when one differs)")
        {
            backend, cases, large, seed,
        };
        command.SetAction(r =>
        {
            var output = r.InvocationConfiguration.Output;
            var kind = DeviceOf(r, backend);
            bool isLarge = r.GetValue(large);
            if (isLarge && kind == DeviceKind.IlgpuCpu) output.WriteLine("note: --large on the ILGPU CPU accelerator takes many minutes.");
            using var device = ComputeDevice.Create(kind);
            output.WriteLine($"device: {device.Info}");
            var reports = KernelSelfTest.RunAll(device, r.GetValue(seed) ?? 1, r.GetValue(cases) ?? 5, isLarge, x => output.WriteLine(x.ToString()));
            output.WriteLine();
            output.WriteLine(KernelSelfTest.Format(device.Info, reports));
            if (reports.All(x => x.Passed)) return ExitCodes.Success;
            r.InvocationConfiguration.Error.WriteLine($"error: {reports.Count(x => !x.Passed)} kernel(s) differ from their CPU twins beyond tolerance (see above).");
            return ExitCodes.Failure;
        });
        return command;
    }
}
