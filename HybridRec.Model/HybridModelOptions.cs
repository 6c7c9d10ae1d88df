namespace HybridRec.Model;

/// <summary>
/// Architecture of the hybrid network (see docs/design.md §1). Defaults reproduce the original notebook:
/// embedding size 50, every branch and tower E/2 wide, Keras initialisation, no bias terms, no regularisation.
/// </summary>
public sealed record HybridModelOptions
{
    /// <summary>Default embedding size E.</summary>
    public const int DefaultEmbeddingSize = 50;

    /// <summary>Default half-range of the uniform embedding initialiser (Keras' <c>uniform</c>: ±0.05).</summary>
    public const float DefaultEmbeddingInitRange = 0.05f;

    /// <summary>Embedding size E of both embedding pairs.</summary>
    public int EmbeddingSize { get; init; } = DefaultEmbeddingSize;

    /// <summary>Width of the neural branch's Dense layer; null means E/2.</summary>
    public int? NeuralWidth { get; init; }

    /// <summary>Width of the genre tower; null means E/2.</summary>
    public int? GenreWidth { get; init; }

    /// <summary>Width of the tag tower; null means E/2.</summary>
    public int? TagWidth { get; init; }

    /// <summary>Embeddings are initialised uniformly in ±this value.</summary>
    public float EmbeddingInitRange { get; init; } = DefaultEmbeddingInitRange;

    /// <summary>
    /// Adds a bias per user and per movie and a fixed global offset (the mean normalised training rating) to the
    /// output. Off in the original architecture.
    /// </summary>
    public bool UseBiases { get; init; }

    /// <summary>L2 penalty λe on embedding rows and per-row biases, counted per occurrence in a batch (design.md §1).</summary>
    public float EmbeddingL2 { get; init; }

    /// <summary>
    /// Whole-table L2 penalty λt on every row of the embedding and per-row bias tables, added once per step
    /// (Keras' <c>embeddings_regularizer</c>): rows a batch does not use are pulled towards zero too, which
    /// regularises rarely rated movies strongly. Its gradient touches every row, so it needs dense Adam.
    /// </summary>
    public float EmbeddingTableL2 { get; init; }

    /// <summary>L2 penalty λd on the Dense and tower weight matrices (not on their biases).</summary>
    public float DenseL2 { get; init; }

    /// <summary>The neural-branch width actually used.</summary>
    public int ResolvedNeuralWidth => NeuralWidth ?? Math.Max(1, EmbeddingSize / 2);

    /// <summary>The genre-tower width actually used.</summary>
    public int ResolvedGenreWidth => GenreWidth ?? Math.Max(1, EmbeddingSize / 2);

    /// <summary>The tag-tower width actually used.</summary>
    public int ResolvedTagWidth => TagWidth ?? Math.Max(1, EmbeddingSize / 2);

    /// <summary>Throws <see cref="ArgumentException"/> naming the first invalid option.</summary>
    public void Validate()
    {
        if (EmbeddingSize < 1) throw new ArgumentException($"EmbeddingSize must be at least 1 (got {EmbeddingSize}).");
        if (NeuralWidth is < 1) throw new ArgumentException($"NeuralWidth must be at least 1 (got {NeuralWidth}).");
        if (GenreWidth is < 1) throw new ArgumentException($"GenreWidth must be at least 1 (got {GenreWidth}).");
        if (TagWidth is < 1) throw new ArgumentException($"TagWidth must be at least 1 (got {TagWidth}).");
        if (!(EmbeddingInitRange >= 0) || float.IsInfinity(EmbeddingInitRange))
            throw new ArgumentException($"EmbeddingInitRange must be a finite value ≥ 0 (got {EmbeddingInitRange}).");
        if (!(EmbeddingL2 >= 0) || float.IsInfinity(EmbeddingL2)) throw new ArgumentException($"EmbeddingL2 must be a finite value ≥ 0 (got {EmbeddingL2}).");
        if (!(EmbeddingTableL2 >= 0) || float.IsInfinity(EmbeddingTableL2)) throw new ArgumentException($"EmbeddingTableL2 must be a finite value ≥ 0 (got {EmbeddingTableL2}).");
        if (!(DenseL2 >= 0) || float.IsInfinity(DenseL2)) throw new ArgumentException($"DenseL2 must be a finite value ≥ 0 (got {DenseL2}).");
    }
}
