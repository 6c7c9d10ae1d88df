using System.Diagnostics;
using System.Globalization;
using System.Text.RegularExpressions;
using HybridRec.Kernels;
using ILGPU;
using ILGPU.Backends.EntryPoints;
using ILGPU.Backends.PTX;
using ILGPU.Runtime;
using ILGPU.Runtime.Cuda;

namespace HybridRec.Kernels.Tests;

/// <summary>Compiles every kernel to PTX with ILGPU's PTX back end (no GPU needed) and optionally assembles it with ptxas.</summary>
internal static partial class PtxCompilation
{
    /// <summary>PTX of one kernel for an architecture and PTX ISA.</summary>
    public static string Compile(Context context, DeviceKernel kernel, CudaArchitecture arch, CudaInstructionSet isa)
    {
        using var backend = new PTXBackend(context, arch, isa, null!);
        var entry = EntryPointDescription.FromExplicitlyGroupedKernel(kernel.Method);
        var compiled = (PTXCompiledKernel)backend.Compile(entry, new KernelSpecialization());
        return compiled.PTXAssembly;
    }

    /// <summary>A context able to host the PTX back end (CUDA extensions registered; no device needed).</summary>
    public static Context CreateContext() =>
        Context.Create(b => b.Cuda().Optimize(OptimizationLevel.O1).Math(MathMode.Default));

    /// <summary>Lines of the PTX that use double precision (".f64").</summary>
    public static IReadOnlyList<string> DoubleLines(string ptx) =>
        ptx.Split('\n').Where(l => l.Contains(".f64", StringComparison.Ordinal)).Select(l => l.Trim()).ToArray();

    /// <summary>The ptxas to use: $HYBRIDREC_PTXAS, else one on PATH, else null.</summary>
    public static string? FindPtxas()
    {
        var env = Environment.GetEnvironmentVariable("HYBRIDREC_PTXAS");
        if (!string.IsNullOrWhiteSpace(env) && File.Exists(env)) return env;
        var path = Environment.GetEnvironmentVariable("PATH") ?? "";
        foreach (var dir in path.Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries))
        {
            foreach (var name in new[] { "ptxas", "ptxas.exe" })
            {
                var candidate = Path.Combine(dir, name);
                if (File.Exists(candidate)) return candidate;
            }
        }
        return null;
    }

    /// <summary>Register and spill figures ptxas reports for one kernel.</summary>
    public sealed record PtxasReport(string Kernel, bool Succeeded, int Registers, int SpillStores, int SpillLoads, int StackBytes, int SharedBytes, string Output);

    /// <summary>Assembles PTX for <paramref name="arch"/> (for example "sm_90") with <c>ptxas -v</c>.</summary>
    public static PtxasReport Assemble(string ptxas, string kernel, string ptx, string arch)
    {
        var dir = Path.Combine(Path.GetTempPath(), "hybridrec-ptx-" + Environment.ProcessId.ToString(CultureInfo.InvariantCulture));
        Directory.CreateDirectory(dir);
        var input = Path.Combine(dir, kernel.Replace('.', '_') + ".ptx");
        var output = Path.ChangeExtension(input, ".cubin");
        File.WriteAllText(input, ptx);
        var psi = new ProcessStartInfo(ptxas)
        {
            RedirectStandardError = true,
            RedirectStandardOutput = true,
            UseShellExecute = false,
        };
        foreach (var a in new[] { $"-arch={arch}", "-v", input, "-o", output }) psi.ArgumentList.Add(a);
        using var process = Process.Start(psi) ?? throw new InvalidOperationException($"could not start {ptxas}");
        var stdoutTask = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEnd();
        process.WaitForExit();
        var text = stdoutTask.Result + stderr;
        return new PtxasReport(kernel, process.ExitCode == 0,
            Number(RegistersRegex(), text), Number(SpillStoresRegex(), text), Number(SpillLoadsRegex(), text),
            Number(StackRegex(), text), Math.Max(0, Number(SharedRegex(), text)), text.Trim()); // no "smem" line: none
    }

    private static int Number(Regex regex, string text)
    {
        var m = regex.Match(text);
        return m.Success ? int.Parse(m.Groups[1].Value, CultureInfo.InvariantCulture) : -1;
    }

    [GeneratedRegex(@"Used (\d+) registers")] private static partial Regex RegistersRegex();
    [GeneratedRegex(@"(\d+) bytes spill stores")] private static partial Regex SpillStoresRegex();
    [GeneratedRegex(@"(\d+) bytes spill loads")] private static partial Regex SpillLoadsRegex();
    [GeneratedRegex(@"(\d+) bytes stack frame")] private static partial Regex StackRegex();
    [GeneratedRegex(@"(\d+) bytes smem")] private static partial Regex SharedRegex();
}
