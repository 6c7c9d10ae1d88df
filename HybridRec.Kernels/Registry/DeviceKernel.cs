using System.Reflection;
using ILGPU;
using ILGPU.Runtime;

namespace HybridRec.Kernels;

/// <summary>
/// A device kernel method (an explicitly grouped ILGPU entry point) as its family registers it: what
/// <see cref="HybridKernels"/> loads once per accelerator and what the PTX checks compile. Declared once per kernel in
/// its family's registry entry, e.g. <c>new DeviceKernel&lt;…&gt;(EmbeddingKernels.GatherRows)</c>.
/// </summary>
internal abstract class DeviceKernel
{
    private int slot = -1;

    private protected DeviceKernel(Delegate kernel, bool usesDouble)
    {
        Method = kernel.Method;
        Name = $"{Method.DeclaringType?.Name}.{Method.Name}";
        UsesDouble = usesDouble;
    }

    /// <summary>Kernel name, <c>KernelClass.Method</c>.</summary>
    public string Name { get; }

    /// <summary>The static kernel method.</summary>
    public MethodInfo Method { get; }

    /// <summary>True when the kernel computes in double on purpose (the MSE loss accumulation).</summary>
    public bool UsesDouble { get; }

    /// <summary>Position in <see cref="KernelRegistry.DeviceKernels"/>: where <see cref="HybridKernels"/> keeps its launcher.</summary>
    internal int Slot
    {
        get => slot >= 0 ? slot : throw new InvalidOperationException($"Kernel {Name} is not in KernelRegistry.Families.");
        set => slot = value;
    }

    /// <summary>Compiles the kernel for <paramref name="accelerator"/>: a launcher on its default stream.</summary>
    internal abstract Delegate Load(Accelerator accelerator);

    /// <inheritdoc />
    public override string ToString() => Name;
}

/// <summary>A device kernel whose loaded launcher is a <typeparamref name="TLauncher"/>.</summary>
/// <typeparam name="TLauncher"><c>Action&lt;KernelConfig, …&gt;</c> with the kernel's parameter types.</typeparam>
internal abstract class DeviceKernel<TLauncher>(Delegate kernel, Func<Accelerator, TLauncher> load, bool usesDouble)
    : DeviceKernel(kernel, usesDouble)
    where TLauncher : Delegate
{
    internal override Delegate Load(Accelerator accelerator) => load(accelerator);
}

// One class per kernel arity (ILGPU's typed LoadStreamKernel overloads), so that a family declares a kernel by its
// parameter types once: new DeviceKernel<ArrayView<float>, int, …>(SomeKernels.Method).

/// <summary>A device kernel of 3 parameters.</summary>
internal sealed class DeviceKernel<T1, T2, T3>(Action<T1, T2, T3> kernel, bool usesDouble = false)
    : DeviceKernel<Action<KernelConfig, T1, T2, T3>>(kernel, a => a.LoadStreamKernel(kernel), usesDouble)
    where T1 : struct where T2 : struct where T3 : struct;

/// <summary>A device kernel of 4 parameters.</summary>
internal sealed class DeviceKernel<T1, T2, T3, T4>(Action<T1, T2, T3, T4> kernel, bool usesDouble = false)
    : DeviceKernel<Action<KernelConfig, T1, T2, T3, T4>>(kernel, a => a.LoadStreamKernel(kernel), usesDouble)
    where T1 : struct where T2 : struct where T3 : struct where T4 : struct;

/// <summary>A device kernel of 5 parameters.</summary>
internal sealed class DeviceKernel<T1, T2, T3, T4, T5>(Action<T1, T2, T3, T4, T5> kernel, bool usesDouble = false)
    : DeviceKernel<Action<KernelConfig, T1, T2, T3, T4, T5>>(kernel, a => a.LoadStreamKernel(kernel), usesDouble)
    where T1 : struct where T2 : struct where T3 : struct where T4 : struct where T5 : struct;

/// <summary>A device kernel of 6 parameters.</summary>
internal sealed class DeviceKernel<T1, T2, T3, T4, T5, T6>(Action<T1, T2, T3, T4, T5, T6> kernel, bool usesDouble = false)
    : DeviceKernel<Action<KernelConfig, T1, T2, T3, T4, T5, T6>>(kernel, a => a.LoadStreamKernel(kernel), usesDouble)
    where T1 : struct where T2 : struct where T3 : struct where T4 : struct where T5 : struct where T6 : struct;

/// <summary>A device kernel of 7 parameters.</summary>
internal sealed class DeviceKernel<T1, T2, T3, T4, T5, T6, T7>(Action<T1, T2, T3, T4, T5, T6, T7> kernel, bool usesDouble = false)
    : DeviceKernel<Action<KernelConfig, T1, T2, T3, T4, T5, T6, T7>>(kernel, a => a.LoadStreamKernel(kernel), usesDouble)
    where T1 : struct where T2 : struct where T3 : struct where T4 : struct where T5 : struct where T6 : struct where T7 : struct;

/// <summary>A device kernel of 8 parameters.</summary>
internal sealed class DeviceKernel<T1, T2, T3, T4, T5, T6, T7, T8>(Action<T1, T2, T3, T4, T5, T6, T7, T8> kernel, bool usesDouble = false)
    : DeviceKernel<Action<KernelConfig, T1, T2, T3, T4, T5, T6, T7, T8>>(kernel, a => a.LoadStreamKernel(kernel), usesDouble)
    where T1 : struct where T2 : struct where T3 : struct where T4 : struct where T5 : struct where T6 : struct where T7 : struct where T8 : struct;

/// <summary>A device kernel of 9 parameters.</summary>
internal sealed class DeviceKernel<T1, T2, T3, T4, T5, T6, T7, T8, T9>(Action<T1, T2, T3, T4, T5, T6, T7, T8, T9> kernel, bool usesDouble = false)
    : DeviceKernel<Action<KernelConfig, T1, T2, T3, T4, T5, T6, T7, T8, T9>>(kernel, a => a.LoadStreamKernel(kernel), usesDouble)
    where T1 : struct where T2 : struct where T3 : struct where T4 : struct where T5 : struct where T6 : struct where T7 : struct where T8 : struct where T9 : struct;
