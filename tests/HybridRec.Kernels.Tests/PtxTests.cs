using System.Text;
using HybridRec.Kernels;
using ILGPU.Runtime.Cuda;

namespace HybridRec.Kernels.Tests;

/// <summary>
/// Every kernel compiles to PTX (no GPU needed); float kernels contain no double-precision instructions; and, when a
/// ptxas is available ($HYBRIDREC_PTXAS or PATH), every kernel assembles for sm_90 with its registers and spills
/// written to the test output.
/// </summary>
[Trait("Category", "Kernels")]
public sealed class PtxTests(ITestOutputHelper output)
{
    [Fact]
    public void EveryKernelCompilesToPtxWithoutDoublePrecision()
    {
        using var context = PtxCompilation.CreateContext();
        var problems = new List<string>();
        foreach (var kernel in KernelRegistry.DeviceKernels)
        {
            var ptx = PtxCompilation.Compile(context, kernel, CudaArchitecture.SM_90, CudaInstructionSet.ISA_80);
            Assert.Contains(".entry", ptx, StringComparison.Ordinal);
            var doubles = PtxCompilation.DoubleLines(ptx);
            if (kernel.UsesDouble)
            {
                Assert.NotEmpty(doubles); // accumulates in double on purpose
            }
            else if (doubles.Count > 0)
            {
                problems.Add($"{kernel.Name}: {doubles.Count} .f64 lines, e.g. '{doubles[0]}'");
            }
        }
        Assert.True(problems.Count == 0, "double precision in float kernels:\n" + string.Join("\n", problems));
    }

    [Fact]
    public void EveryKernelAssemblesForSm90()
    {
        var ptxas = PtxCompilation.FindPtxas();
        if (ptxas is null)
            Assert.Skip("no ptxas: set HYBRIDREC_PTXAS to a CUDA ptxas (or put one on PATH) to assemble the kernels for sm_90");

        // ISA 7.8 so that CUDA 11.8's ptxas accepts the PTX; ptxas then compiles the sm_80 target for sm_90.
        using var context = PtxCompilation.CreateContext();
        var reports = KernelRegistry.DeviceKernels
            .Select(k => PtxCompilation.Assemble(ptxas!, k.Name,
                PtxCompilation.Compile(context, k, CudaArchitecture.SM_80, CudaInstructionSet.ISA_78), "sm_90"))
            .ToList();

        var table = new StringBuilder();
        table.AppendLine($"ptxas: {ptxas} -arch=sm_90 -v (PTX ISA 7.8, .target sm_80)");
        table.AppendLine($"{"kernel",-40} {"regs",5} {"spill st",9} {"spill ld",9} {"stack",6} {"smem",6}");
        foreach (var r in reports)
            table.AppendLine($"{r.Kernel,-40} {r.Registers,5} {r.SpillStores,9} {r.SpillLoads,9} {r.StackBytes,6} {r.SharedBytes,6}");
        output.WriteLine(table.ToString());

        var failed = reports.Where(r => !r.Succeeded).ToList();
        Assert.True(failed.Count == 0, "ptxas failed:\n" + string.Join("\n\n", failed.Select(r => $"{r.Kernel}:\n{r.Output}")));
        var spilling = reports.Where(r => r.SpillStores > 0 || r.SpillLoads > 0).ToList();
        Assert.True(spilling.Count == 0, "register spills:\n" + string.Join("\n", spilling.Select(r => $"{r.Kernel}: {r.SpillStores} B stores, {r.SpillLoads} B loads")));
    }
}
