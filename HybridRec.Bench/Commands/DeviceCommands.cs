using System.Runtime.InteropServices;
using HybridRec.Bench.Cli;
using HybridRec.Kernels;

namespace HybridRec.Bench.Commands;

/// <summary><c>device-info</c> and <c>check-kernels</c>: what ILGPU sees, and every kernel against its CPU twin.</summary>
internal static class DeviceCommands
{
    public const string InfoUsage = """
        device-info              list the devices ILGPU sees (name, type, architecture, instruction set, driver, memory)
        """;

    public const string CheckUsage = """
        check-kernels [options]  run every kernel against its plain-loop CPU twin on random shapes and report the largest differences
          --backend B            cuda | opencl | ilgpu-cpu (default: cuda when present, else ilgpu-cpu)
          --cases N              random cases per kernel (default 5)
          --large                make the last case of each kernel GPU-sized (n up to ~1M)
          --seed S               seed of shapes and values (default 1)
        """;

    public static int Info(IReadOnlyList<string> args, TextWriter output)
    {
        CliArguments.Parse("device-info", args, [], []);
        output.WriteLine($"host: {Environment.ProcessorCount} logical processors, {RuntimeInformation.OSDescription}, {RuntimeInformation.FrameworkDescription}");
        output.WriteLine($"CUDA available: {ComputeDevice.IsCudaAvailable}");
        foreach (var d in ComputeDevice.List()) output.WriteLine($"  {d}");
        if (ComputeDevice.IsCudaAvailable)
        {
            using var cuda = ComputeDevice.Create(DeviceKind.Cuda);
            output.WriteLine($"created: {cuda.Info}");
        }
        return 0;
    }

    public static int Check(IReadOnlyList<string> args, TextWriter output)
    {
        var cl = CliArguments.Parse("check-kernels", args, ["backend", "cases", "seed"], ["large"]);
        var kind = (cl.Choice("backend", "cuda", "opencl", "ilgpu-cpu") ?? (ComputeDevice.IsCudaAvailable ? "cuda" : "ilgpu-cpu")) switch
        {
            "cuda" => DeviceKind.Cuda,
            "opencl" => DeviceKind.OpenCL,
            _ => DeviceKind.IlgpuCpu,
        };
        bool large = cl.Flag("large");
        if (large && kind == DeviceKind.IlgpuCpu) output.WriteLine("note: --large on the ILGPU CPU accelerator takes many minutes.");
        using var device = ComputeDevice.Create(kind);
        output.WriteLine($"device: {device.Info}");
        var reports = KernelSelfTest.RunAll(device, cl.Long("seed") ?? 1, cl.Int("cases", 1, 1000) ?? 5, large, r => output.WriteLine(r.ToString()));
        output.WriteLine();
        output.WriteLine(KernelSelfTest.Format(device.Info, reports));
        return reports.All(r => r.Passed) ? 0 : 1;
    }
}
