namespace HybridRec.Kernels;

/// <summary>
/// One randomised check of one kernel: a shape (the record's fields) and a seed for the values. Running it uploads
/// the inputs, launches the kernel, runs the CPU twin on the same inputs and compares every output buffer.
/// </summary>
internal abstract record KernelCase(int Seed)
{
    /// <summary>The launch method checked.</summary>
    public abstract string Kernel { get; }

    /// <summary>Runs the kernel and its twin; the worst comparison over the case's outputs.</summary>
    public abstract CheckResult Run(ComputeDevice device);

    /// <summary>Fresh random values for this case.</summary>
    protected Random Values() => new(Seed);

    /// <summary>Compares and labels.</summary>
    protected static CheckResult Compare(string label, float[] expected, float[] actual, Tolerance t) =>
        KernelCheck.Compare(expected, actual, t.Atol, t.Rtol).WithLabel(label);

    /// <summary>Compares and labels (double).</summary>
    protected static CheckResult Compare(string label, double[] expected, double[] actual, Tolerance t) =>
        KernelCheck.Compare(expected, actual, t.Atol, t.Rtol).WithLabel(label);

    /// <summary>The worst of several comparisons.</summary>
    protected static CheckResult Worst(params CheckResult[] results) => results.Aggregate(CheckResult.Worse);
}
