using System.Numerics.Tensors;

namespace HybridRec.Model.Recommendation;

/// <summary>One item similar to a query item.</summary>
/// <param name="ItemId">Raw item id (MovieLens: the movie id).</param>
/// <param name="Name">The item's name (MovieLens: the title); empty when the data has none.</param>
/// <param name="Similarity">Cosine similarity in [-1, 1], averaged over the ensemble's members (see <see cref="ItemSimilarity"/>).</param>
public sealed record SimilarItem(int ItemId, string Name, float Similarity);

/// <summary>
/// Item-to-item similarity from what a trained model learned about each item: the cosine similarity of two items'
/// embeddings — the collaborative and the neural item embedding concatenated, <c>[Q1[m], Q2[m]]</c> (docs/design.md
/// §1) — averaged over the ensemble's members. Members are trained independently, so their embedding spaces are not
/// aligned and only their similarities can be combined, never their vectors. Items that users rated alike end up
/// with similar embeddings; the content towers (genres, tags) and the biases are not part of it. An item whose
/// embeddings are zero in a member contributes 0 for that member. Rarely rated items have small, noisy embeddings
/// (the whole-table L2 pulls them towards zero), so their similarities say little.
/// Building keeps one unit vector per item and member (M × members × 2E floats). Immutable and thread-safe.
/// </summary>
public sealed class ItemSimilarity
{
    private readonly float[] _vectors;   // (M, K·2E): per item, each member's [Q1, Q2] scaled to unit length (or zero)
    private readonly int _width;         // K·2E
    private readonly int _members;

    /// <summary>Builds the unit embedding vectors of every item of <paramref name="model"/>.</summary>
    public ItemSimilarity(HybridModel model)
    {
        ArgumentNullException.ThrowIfNull(model);
        Model = model;
        var layout = model.Layout;
        int e = layout.E, items = model.Items.Count;
        _members = model.Members.Count;
        _width = _members * 2 * e;
        if ((long)items * _width > Array.MaxLength) throw new ArgumentException("too many items for the similarity index.", nameof(model));
        _vectors = new float[items * _width];
        for (int k = 0; k < _members; k++)
        {
            var p = model.Members[k].AsSpan();
            for (int m = 0; m < items; m++)
            {
                var v = _vectors.AsSpan(m * _width + k * 2 * e, 2 * e);
                p.Slice(layout.ItemCf.Offset + m * e, e).CopyTo(v[..e]);
                p.Slice(layout.ItemNn.Offset + m * e, e).CopyTo(v[e..]);
                float norm = TensorPrimitives.Norm(v);
                if (norm > 0 && float.IsFinite(norm)) TensorPrimitives.Divide(v, norm, v);
                else v.Clear();
            }
        }
    }

    /// <summary>The model the similarities come from.</summary>
    public HybridModel Model { get; }

    /// <summary>Similarity of item indices <paramref name="a"/> and <paramref name="b"/>: the members' mean cosine.</summary>
    public float Similarity(int a, int b) => TensorPrimitives.Dot(Vector(a), Vector(b)) / _members;

    /// <summary>Fills <paramref name="similarities"/> (length M) with the similarity of item index <paramref name="item"/> to every item (itself included: 1, or 0 for an all-zero item).</summary>
    public void SimilaritiesTo(int item, Span<float> similarities)
    {
        int items = Model.Items.Count;
        if (similarities.Length != items) throw new ArgumentException($"expected {items} similarities, got a span of {similarities.Length}.", nameof(similarities));
        var query = Vector(item);
        for (int m = 0; m < items; m++) similarities[m] = TensorPrimitives.Dot(query, _vectors.AsSpan(m * _width, _width)) / _members;
    }

    /// <summary>
    /// The <paramref name="count"/> items most similar to raw item <paramref name="itemId"/>, best first (ties by
    /// the lower item index), the item itself excluded. Throws <see cref="KeyNotFoundException"/> for an item the
    /// model does not know.
    /// </summary>
    public IReadOnlyList<SimilarItem> MostSimilar(int itemId, int count)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(count);
        if (!Model.Items.TryGetIndex(itemId, out int item)) throw new KeyNotFoundException($"item {itemId} is not in the model ({Model.Items.Count:N0} items).");
        var similarities = new float[Model.Items.Count];
        SimilaritiesTo(item, similarities);
        return TopItems.Select(similarities, [item], count, null)
            .Select(m => new SimilarItem(Model.Items.GetRawId(m), Model.ItemNames[m], similarities[m]))
            .ToList();
    }

    private ReadOnlySpan<float> Vector(int item)
    {
        if ((uint)item >= (uint)Model.Items.Count) throw new ArgumentOutOfRangeException(nameof(item), item, $"item index must be in [0, {Model.Items.Count}).");
        return _vectors.AsSpan(item * _width, _width);
    }
}
