namespace HybridRec.Model.Parameters;

/// <summary>How a slice is updated and initialised.</summary>
internal enum SliceKind
{
    /// <summary>An embedding table or per-row bias: a batch touches only some rows (lazy Adam updates only those).</summary>
    RowSparse,

    /// <summary>A weight matrix or bias vector: every step writes its whole gradient.</summary>
    Dense,
}

/// <summary>How a slice's values start.</summary>
internal enum SliceInit
{
    /// <summary>All zeros (biases).</summary>
    Zeros,

    /// <summary>Uniform in ± <see cref="HybridModelOptions.EmbeddingInitRange"/> (embeddings, Keras' default).</summary>
    UniformEmbedding,

    /// <summary>Glorot (Xavier) uniform: ± sqrt(6 / (fan_in + fan_out)) (Keras' default for Dense kernels).</summary>
    GlorotUniform,
}

/// <summary>
/// A named, contiguous range of the parameter block: <see cref="Rows"/> × <see cref="Columns"/> values, row-major,
/// starting at <see cref="Offset"/>. The same range addresses the gradient and both Adam moments.
/// </summary>
/// <param name="Name">The slice's name, e.g. <c>user_cf</c>.</param>
/// <param name="Offset">First element in the block.</param>
/// <param name="Rows">Number of rows.</param>
/// <param name="Columns">Number of columns (row length).</param>
/// <param name="Kind">Row-sparse or dense.</param>
/// <param name="Init">Initialiser.</param>
/// <param name="FanIn">Fan-in for Glorot initialisation.</param>
/// <param name="FanOut">Fan-out for Glorot initialisation.</param>
/// <param name="Regularized">Whether the dense L2 penalty applies (weight matrices, not biases).</param>
internal sealed record ParameterSlice(string Name, int Offset, int Rows, int Columns, SliceKind Kind, SliceInit Init, int FanIn = 0, int FanOut = 0, bool Regularized = false)
{
    /// <summary>Number of values.</summary>
    public int Length => Rows * Columns;

    /// <summary>One past the last element.</summary>
    public int End => Offset + Length;
}
