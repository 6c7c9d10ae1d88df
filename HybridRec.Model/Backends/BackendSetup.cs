using HybridRec.Data;
using HybridRec.Model.Parameters;
using HybridRec.Model.Training;

namespace HybridRec.Model.Backends;

/// <summary>Everything a backend needs besides the parameters: the layout, the movie features, the fixed output offset and the optimiser.</summary>
/// <param name="Layout">Parameter layout (sizes and architecture).</param>
/// <param name="Genres">Multi-hot genres by movie index (rows = movies, columns = G).</param>
/// <param name="Tags">Multi-hot tags by movie index (rows = movies, columns = T).</param>
/// <param name="GlobalOffset">Fixed offset μ added to every prediction when the layout has biases (0 otherwise).</param>
/// <param name="Adam">Optimiser settings.</param>
/// <param name="Threads">CPU threads for the managed backend; 0 means all processors.</param>
public sealed record BackendSetup(ParameterLayout Layout, SparseFeatures Genres, SparseFeatures Tags, float GlobalOffset, AdamOptions Adam, int Threads = 0)
{
    /// <summary>Checks that the features match the layout.</summary>
    public void Validate()
    {
        var d = Layout.Dimensions;
        if (Genres.Rows != d.Movies || Genres.Columns != d.Genres)
            throw new ArgumentException($"genre features are {Genres.Rows}×{Genres.Columns} but the layout expects {d.Movies}×{d.Genres}.");
        if (Tags.Rows != d.Movies || Tags.Columns != d.Tags)
            throw new ArgumentException($"tag features are {Tags.Rows}×{Tags.Columns} but the layout expects {d.Movies}×{d.Tags}.");
        Adam.Validate();
        if (Layout.Options.EmbeddingTableL2 > 0 && Adam.Variant == AdamVariant.Lazy)
            throw new ArgumentException("the whole-table embedding L2 (EmbeddingTableL2) touches every embedding row every step, which lazy Adam cannot apply; use dense Adam or the per-occurrence EmbeddingL2.");
        ArgumentOutOfRangeException.ThrowIfNegative(Threads);
    }
}
