using ILGPU;

namespace HybridRec.Kernels;

internal sealed partial class HybridKernels
{
    /// <summary>
    /// One Keras Adam step (design.md §3) over every element of the equal-length views, then <c>grad = 0</c>:
    /// <c>m ← β1 m + (1−β1) g; v ← β2 v + (1−β2) g²; θ ← θ − α·m / (√v + ε)</c>.
    /// </summary>
    /// <param name="param">Parameters θ.</param>
    /// <param name="grad">Gradients g (cleared).</param>
    /// <param name="m">First moments.</param>
    /// <param name="v">Second moments.</param>
    /// <param name="c">Step coefficients (see <see cref="AdamCoefficients.ForStep"/>).</param>
    public void AdamDense(ArrayView<float> param, ArrayView<float> grad, ArrayView<float> m, ArrayView<float> v, AdamCoefficients c)
    {
        ThrowIfDisposed();
        long length = param.Length;
        if (grad.Length != length || m.Length != length || v.Length != length)
            throw new ArgumentException($"param, grad, m and v must have equal lengths ({param.Length}, {grad.Length}, {m.Length}, {v.Length}).");
        Guard.Work(length, nameof(AdamDense));
        if (length == 0) return;
        Launcher(OptimizerFamily.AdamDense)(Linear(length), Arg(param), Arg(grad), Arg(m), Arg(v), c, (int)length);
    }

    /// <summary>
    /// Lazy Adam: one step on rows[0..rowCount) of an (R, dim) slice only (untouched rows keep their moments), clearing
    /// those gradient rows. The views are the whole slice (equal lengths).
    /// </summary>
    /// <param name="param">(R, dim) parameters.</param>
    /// <param name="grad">(R, dim) gradients.</param>
    /// <param name="m">(R, dim) first moments.</param>
    /// <param name="v">(R, dim) second moments.</param>
    /// <param name="dim">Row width.</param>
    /// <param name="rows">Distinct rows to update.</param>
    /// <param name="rowCount">Number of rows.</param>
    /// <param name="c">Step coefficients.</param>
    public void AdamRows(ArrayView<float> param, ArrayView<float> grad, ArrayView<float> m, ArrayView<float> v, int dim, ArrayView<int> rows, int rowCount, AdamCoefficients c)
    {
        ThrowIfDisposed();
        Guard.Positive(dim, nameof(dim));
        Guard.NonNegative(rowCount, nameof(rowCount));
        long length = param.Length;
        if (grad.Length != length || m.Length != length || v.Length != length)
            throw new ArgumentException($"param, grad, m and v must have equal lengths ({param.Length}, {grad.Length}, {m.Length}, {v.Length}).");
        if (length % dim != 0) throw new ArgumentException($"The slice length {length} is not a multiple of dim {dim}.", nameof(param));
        Guard.Length(rows, rowCount, nameof(rows));
        long work = Guard.Work((long)rowCount * dim, nameof(AdamRows));
        if (work == 0) return;
        Launcher(OptimizerFamily.AdamRows)(Linear(work), Arg(param), Arg(grad), Arg(m), Arg(v), Arg(rows), c, dim, rowCount);
    }

    /// <summary><c>dst[i] += alpha·src[i]</c> over <paramref name="dst"/> (src at least as long).</summary>
    /// <param name="dst">Accumulated values.</param>
    /// <param name="src">Added values.</param>
    /// <param name="alpha">Scale.</param>
    public void AddScaled(ArrayView<float> dst, ArrayView<float> src, float alpha)
    {
        ThrowIfDisposed();
        Guard.Length(src, dst.Length, nameof(src));
        long length = Guard.Work(dst.Length, nameof(AddScaled));
        if (length == 0) return;
        Launcher(OptimizerFamily.AddScaled)(Linear(length), Arg(dst), Arg(src), alpha, (int)length);
    }
}
