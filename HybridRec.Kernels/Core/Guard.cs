using ILGPU;

namespace HybridRec.Kernels;

/// <summary>
/// Host-side argument checks for kernel launches: O(1) size checks that turn an out-of-range launch (silent memory
/// corruption or a device fault) into an <see cref="ArgumentException"/> naming the argument. Index contents are
/// not checked (that would cost a device round trip).
/// </summary>
internal static class Guard
{
    /// <summary>Largest number of (row, column) work items one launch accepts: 2^30.</summary>
    public const long MaxWork = 1L << 30;

    public static void NonNegative(int value, string name)
    {
        if (value < 0) throw new ArgumentOutOfRangeException(name, value, $"{name} must be ≥ 0.");
    }

    public static void Positive(int value, string name)
    {
        if (value <= 0) throw new ArgumentOutOfRangeException(name, value, $"{name} must be ≥ 1.");
    }

    /// <summary>Checks that an n × width column range at <paramref name="offset"/> of an ld-strided buffer fits.</summary>
    public static void Rows<T>(ArrayView<T> view, int n, int ld, int offset, int width, string name)
        where T : unmanaged
    {
        if (n == 0 || width == 0) return;
        if (offset < 0) throw new ArgumentOutOfRangeException(name, offset, $"{name}: column offset must be ≥ 0.");
        if (offset + (long)width > ld)
            throw new ArgumentException($"{name}: columns [{offset}, {offset + width}) do not fit in a row of {ld} (leading dimension).", name);
        long needed = (long)(n - 1) * ld + offset + width;
        if (needed > view.Length)
            throw new ArgumentException($"{name}: needs {needed} elements for {n} rows of leading dimension {ld}, has {view.Length}.", name);
        if (needed > int.MaxValue)
            throw new ArgumentException($"{name}: {needed} elements exceed the 32-bit index range of the kernels.", name);
    }

    /// <summary>Checks that <paramref name="view"/> holds at least <paramref name="count"/> elements.</summary>
    public static void Length<T>(ArrayView<T> view, long count, string name)
        where T : unmanaged
    {
        if (view.Length < count)
            throw new ArgumentException($"{name}: needs {count} elements, has {view.Length}.", name);
        if (count > int.MaxValue)
            throw new ArgumentException($"{name}: {count} elements exceed the 32-bit index range of the kernels.", name);
    }

    /// <summary>Checks that a launch's work item count fits the kernels' 32-bit grid-stride loops.</summary>
    public static long Work(long items, string what)
    {
        if (items > MaxWork)
            throw new ArgumentException($"{what}: {items} work items exceed the per-launch limit of {MaxWork}.");
        return items;
    }
}
