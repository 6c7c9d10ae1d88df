using System.Reflection;
using HybridRec.Kernels;
using ILGPU;

namespace HybridRec.Kernels.Tests;

/// <summary>
/// The kernel registry is complete, so that loading, the checker, the properties, the PTX checks and the benchmarks
/// (all derived from it) cover every kernel: every kernel method of the assembly is registered by exactly one family,
/// every launch method of <see cref="HybridKernels"/> has one entry with a case and a benchmark, and a CPU twin of the
/// same name and parameters.
/// </summary>
[Trait("Category", "Kernels")]
public sealed class RegistryTests
{
    private static readonly Assembly Library = typeof(HybridKernels).Assembly;

    [Fact]
    public void EveryKernelMethodOfTheAssemblyIsRegisteredOnce()
    {
        // Kernel methods: public static void non-generic methods over ArrayViews and other value types only (launch
        // methods are instance methods, twins take spans, host helpers are generic or take strings).
        var kernelMethods = Library.GetTypes()
            .SelectMany(t => t.GetMethods(BindingFlags.Public | BindingFlags.Static | BindingFlags.DeclaredOnly))
            .Where(m => m.ReturnType == typeof(void) && !m.IsGenericMethod
                        && m.GetParameters().All(p => p.ParameterType.IsValueType)
                        && m.GetParameters().Any(p => p.ParameterType.IsGenericType && p.ParameterType.GetGenericTypeDefinition() == typeof(ArrayView<>)))
            .Select(Name)
            .Order()
            .ToArray();
        var registered = KernelRegistry.Families.SelectMany(f => f.Kernels).Select(k => Name(k.Method)).ToArray();
        Assert.Equal(registered.Length, registered.Distinct().Count());
        Assert.Equal(kernelMethods, registered.Order());
        Assert.Equal(KernelRegistry.DeviceKernels.Select((k, i) => i), KernelRegistry.DeviceKernels.Select(k => k.Slot));
    }

    [Fact]
    public void EveryLaunchMethodHasOneEntryWithACaseAndABenchmark()
    {
        var launchMethods = typeof(HybridKernels)
            .GetMethods(BindingFlags.Public | BindingFlags.Instance | BindingFlags.DeclaredOnly)
            .Where(m => m.ReturnType == typeof(void) && m.Name != nameof(HybridKernels.Dispose))
            .Select(m => m.Name)
            .Order();
        Assert.Equal(launchMethods, KernelRegistry.Launches.Select(l => l.Name).Order());
        Assert.All(KernelRegistry.Launches, l =>
        {
            Assert.False(string.IsNullOrWhiteSpace(l.ToleranceRule), l.Name);
            Assert.NotEmpty(l.Benchmarks);
            Assert.Equal(l.Name, l.Draw(new Random(1), CaseSize.Tiny, 1).Kernel);
        });
        var labels = KernelRegistry.Benchmarks.Select(b => b.Label).ToArray();
        Assert.Equal(labels.Length, labels.Distinct().Count());
    }

    [Fact]
    public void EveryLaunchMethodHasATwinWithTheSameParameterNames()
    {
        foreach (var launch in KernelRegistry.Launches)
        {
            var method = typeof(HybridKernels).GetMethods().Single(m => m.Name == launch.Name);
            var twin = typeof(CpuTwins).GetMethods(BindingFlags.Public | BindingFlags.Static).SingleOrDefault(m => m.Name == launch.Name);
            Assert.True(twin is not null, $"CpuTwins.{launch.Name} is missing");
            Assert.Equal(method.GetParameters().Select(p => p.Name), twin!.GetParameters().Select(p => p.Name));
        }
    }

    private static string Name(MethodInfo m) => $"{m.DeclaringType!.FullName}.{m.Name}";
}
