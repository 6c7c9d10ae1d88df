using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace HybridRec.Model.Backends;

/// <summary>Small vectorised helpers over spans for the managed backend (generic so the gradient checks can run in double).</summary>
internal static class VectorMath<T> where T : unmanaged, IFloatingPointIeee754<T>
{
    private static readonly int Width = Vector<T>.Count;

    /// <summary>Σ a[i]·b[i].</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static T Dot(ReadOnlySpan<T> a, ReadOnlySpan<T> b)
    {
        int n = a.Length;
        ref T ra = ref MemoryMarshal.GetReference(a);
        ref T rb = ref MemoryMarshal.GetReference(b);
        int i = 0;
        T sum = T.Zero;
        if (Vector.IsHardwareAccelerated && n >= Width)
        {
            var acc = Vector<T>.Zero;
            for (; i <= n - Width; i += Width)
                acc += Vector.LoadUnsafe(ref ra, (nuint)i) * Vector.LoadUnsafe(ref rb, (nuint)i);
            sum = Vector.Sum(acc);
        }
        for (; i < n; i++) sum += Unsafe.Add(ref ra, i) * Unsafe.Add(ref rb, i);
        return sum;
    }

    /// <summary>y[i] += a·x[i].</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void Axpy(T a, ReadOnlySpan<T> x, Span<T> y)
    {
        int n = x.Length;
        ref T rx = ref MemoryMarshal.GetReference(x);
        ref T ry = ref MemoryMarshal.GetReference(y);
        int i = 0;
        if (Vector.IsHardwareAccelerated && n >= Width)
        {
            var va = new Vector<T>(a);
            for (; i <= n - Width; i += Width)
                (Vector.LoadUnsafe(ref ry, (nuint)i) + va * Vector.LoadUnsafe(ref rx, (nuint)i)).StoreUnsafe(ref ry, (nuint)i);
        }
        for (; i < n; i++) Unsafe.Add(ref ry, i) += a * Unsafe.Add(ref rx, i);
    }

    /// <summary>y[i] = a·x[i] + b·w[i].</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void ScaleAdd(T a, ReadOnlySpan<T> x, T b, ReadOnlySpan<T> w, Span<T> y)
    {
        int n = x.Length;
        ref T rx = ref MemoryMarshal.GetReference(x);
        ref T rw = ref MemoryMarshal.GetReference(w);
        ref T ry = ref MemoryMarshal.GetReference(y);
        int i = 0;
        if (Vector.IsHardwareAccelerated && n >= Width)
        {
            var va = new Vector<T>(a);
            var vb = new Vector<T>(b);
            for (; i <= n - Width; i += Width)
                (va * Vector.LoadUnsafe(ref rx, (nuint)i) + vb * Vector.LoadUnsafe(ref rw, (nuint)i)).StoreUnsafe(ref ry, (nuint)i);
        }
        for (; i < n; i++) Unsafe.Add(ref ry, i) = a * Unsafe.Add(ref rx, i) + b * Unsafe.Add(ref rw, i);
    }

    /// <summary>y[i] += x[i].</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void Add(ReadOnlySpan<T> x, Span<T> y)
    {
        int n = x.Length;
        ref T rx = ref MemoryMarshal.GetReference(x);
        ref T ry = ref MemoryMarshal.GetReference(y);
        int i = 0;
        if (Vector.IsHardwareAccelerated && n >= Width)
        {
            for (; i <= n - Width; i += Width)
                (Vector.LoadUnsafe(ref ry, (nuint)i) + Vector.LoadUnsafe(ref rx, (nuint)i)).StoreUnsafe(ref ry, (nuint)i);
        }
        for (; i < n; i++) Unsafe.Add(ref ry, i) += Unsafe.Add(ref rx, i);
    }

    /// <summary>Σ w[i]·max(a[i] + b[i], 0).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static T ReluSumDot(ReadOnlySpan<T> a, ReadOnlySpan<T> b, ReadOnlySpan<T> w)
    {
        int n = a.Length;
        ref T ra = ref MemoryMarshal.GetReference(a);
        ref T rb = ref MemoryMarshal.GetReference(b);
        ref T rw = ref MemoryMarshal.GetReference(w);
        int i = 0;
        T sum = T.Zero;
        if (Vector.IsHardwareAccelerated && n >= Width)
        {
            var acc = Vector<T>.Zero;
            for (; i <= n - Width; i += Width)
                acc += Vector.Max(Vector.LoadUnsafe(ref ra, (nuint)i) + Vector.LoadUnsafe(ref rb, (nuint)i), Vector<T>.Zero) * Vector.LoadUnsafe(ref rw, (nuint)i);
            sum = Vector.Sum(acc);
        }
        for (; i < n; i++)
        {
            T x = Unsafe.Add(ref ra, i) + Unsafe.Add(ref rb, i);
            if (x > T.Zero) sum += Unsafe.Add(ref rw, i) * x;
        }
        return sum;
    }

    /// <summary>x[i] = max(x[i], 0).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void Relu(Span<T> x)
    {
        for (int i = 0; i < x.Length; i++) if (!(x[i] > T.Zero)) x[i] = T.Zero;
    }

    /// <summary>
    /// One Keras Adam step over equal-length spans, then clears the gradient:
    /// m ← β1 m + (1−β1) g; v ← β2 v + (1−β2) g²; p ← p − α m / (√v + ε).
    /// </summary>
    public static void Adam(Span<T> p, Span<T> g, Span<T> m, Span<T> v, T alpha, T beta1, T beta2, T epsilon)
    {
        int n = p.Length;
        ref T rp = ref MemoryMarshal.GetReference(p);
        ref T rg = ref MemoryMarshal.GetReference(g);
        ref T rm = ref MemoryMarshal.GetReference(m);
        ref T rv = ref MemoryMarshal.GetReference(v);
        T c1 = T.One - beta1, c2 = T.One - beta2;
        int i = 0;
        if (Vector.IsHardwareAccelerated && n >= Width)
        {
            var vb1 = new Vector<T>(beta1);
            var vb2 = new Vector<T>(beta2);
            var vc1 = new Vector<T>(c1);
            var vc2 = new Vector<T>(c2);
            var va = new Vector<T>(alpha);
            var ve = new Vector<T>(epsilon);
            for (; i <= n - Width; i += Width)
            {
                var gv = Vector.LoadUnsafe(ref rg, (nuint)i);
                var mv = vb1 * Vector.LoadUnsafe(ref rm, (nuint)i) + vc1 * gv;
                var vv = vb2 * Vector.LoadUnsafe(ref rv, (nuint)i) + vc2 * (gv * gv);
                var pv = Vector.LoadUnsafe(ref rp, (nuint)i) - va * mv / (Vector.SquareRoot(vv) + ve);
                mv.StoreUnsafe(ref rm, (nuint)i);
                vv.StoreUnsafe(ref rv, (nuint)i);
                pv.StoreUnsafe(ref rp, (nuint)i);
                Vector<T>.Zero.StoreUnsafe(ref rg, (nuint)i);
            }
        }
        for (; i < n; i++)
        {
            T gi = Unsafe.Add(ref rg, i);
            T mi = beta1 * Unsafe.Add(ref rm, i) + c1 * gi;
            T vi = beta2 * Unsafe.Add(ref rv, i) + c2 * (gi * gi);
            Unsafe.Add(ref rm, i) = mi;
            Unsafe.Add(ref rv, i) = vi;
            Unsafe.Add(ref rp, i) -= alpha * mi / (T.Sqrt(vi) + epsilon);
            Unsafe.Add(ref rg, i) = T.Zero;
        }
    }
}
