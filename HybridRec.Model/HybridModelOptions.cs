using HybridRec.Data;

namespace HybridRec.Model;

/// <summary>
/// Architecture and regularisation of the hybrid network (docs/design.md §1): embedding size, the neural branch's
/// width, one tower per selected feature group of items and users, initialisation, biases and the L2 terms. The
/// defaults are the tuned configuration the README's figures come from (<see cref="HybridPresets.Tuned"/>);
/// <see cref="HybridPresets.Original"/> is the original notebook's network.
/// </summary>
public sealed record HybridModelOptions
{
    /// <summary>Default embedding size E (tuned).</summary>
    public const int DefaultEmbeddingSize = 20;

    /// <summary>Default width of the neural branch's Dense layer (tuned).</summary>
    public const int DefaultNeuralWidth = 30;

    /// <summary>Default half-range of the uniform embedding initialiser (tuned; Keras' <c>uniform</c> is ±0.05).</summary>
    public const float DefaultEmbeddingInitRange = 0.15f;

    /// <summary>Embedding size E of both embedding pairs.</summary>
    public int EmbeddingSize { get; init; } = DefaultEmbeddingSize;

    /// <summary>Width of the neural branch's Dense layer; null means E/2.</summary>
    public int? NeuralWidth { get; init; } = DefaultNeuralWidth;

    /// <summary>Width of every tower without an entry in <see cref="ItemTowerWidths"/> or <see cref="UserTowerWidths"/>; null means E/2.</summary>
    public int? TowerWidth { get; init; }

    /// <summary>
    /// Widths of item towers by feature group name, overriding <see cref="TowerWidth"/>. Entries naming groups the
    /// model does not have are not used (the default names MovieLens' <c>genres</c> and <c>tags</c>: 6 and 2, tuned).
    /// </summary>
    public IReadOnlyDictionary<string, int>? ItemTowerWidths { get; init; } = new Dictionary<string, int> { ["genres"] = 6, ["tags"] = 2 };

    /// <summary>Widths of user towers by feature group name, overriding <see cref="TowerWidth"/>; entries naming absent groups are not used.</summary>
    public IReadOnlyDictionary<string, int>? UserTowerWidths { get; init; }

    /// <summary>The item feature groups that get a tower, in this order; null (the default) takes every item group of the dataset, empty takes none.</summary>
    public IReadOnlyList<string>? ItemFeatureGroups { get; init; }

    /// <summary>The user feature groups that get a tower, in this order; null (the default) takes every user group of the dataset, empty takes none.</summary>
    public IReadOnlyList<string>? UserFeatureGroups { get; init; }

    /// <summary>Embeddings are initialised uniformly in ±this value.</summary>
    public float EmbeddingInitRange { get; init; } = DefaultEmbeddingInitRange;

    /// <summary>
    /// Adds a bias per user and per item and a fixed global offset (the mean normalised training rating) to the
    /// output. Off in the original architecture, on by default.
    /// </summary>
    public bool UseBiases { get; init; } = true;

    /// <summary>L2 penalty λe on embedding rows and per-row biases, counted per occurrence in a batch (design.md §1).</summary>
    public float EmbeddingL2 { get; init; } = 1.69e-4f;

    /// <summary>
    /// Whole-table L2 penalty λt on every row of the embedding and per-row bias tables, added once per step
    /// (Keras' <c>embeddings_regularizer</c>): rows a batch does not use are pulled towards zero too, which
    /// regularises rarely rated items strongly. Its gradient touches every row, so it needs dense Adam.
    /// </summary>
    public float EmbeddingTableL2 { get; init; } = 7.97e-5f;

    /// <summary>L2 penalty λd on the Dense and tower weight matrices (not on their biases).</summary>
    public float DenseL2 { get; init; } = 5.8e-5f;

    /// <summary>The ranking embedding size a head gets when it is switched on without a size (command line: <c>--ranking-loss softmax</c>).</summary>
    public const int RankingHeadSize = 32;

    /// <summary>Default <see cref="RankingEmbeddingSize"/>: the tuned default has a ranking head (chosen on validation, docs/experiments-ranking.md).</summary>
    public const int DefaultRankingEmbeddingSize = RankingHeadSize;

    /// <summary>
    /// Size Er of the ranking head's embedding pair (user_rank, item_rank, plus a per-item ranking bias), scored
    /// s(u, m) = P3[u]·Q3[m] + r[m] and trained with the ranking objective of <see cref="Training.TrainingOptions.Ranking"/>;
    /// recommendations rank by it. 0: no ranking head (items rank by the predicted rating).
    /// </summary>
    public int RankingEmbeddingSize { get; init; } = DefaultRankingEmbeddingSize;

    /// <summary>Default <see cref="RankingRatingBlend"/>: 0, the head's score alone (the configuration the README's test figures come from).</summary>
    public const float DefaultRankingRatingBlend = 0f;

    /// <summary>The largest <see cref="RankingRatingBlend"/> accepted.</summary>
    public const float MaxRankingRatingBlend = 1000f;

    /// <summary>
    /// β of the ranking score with a ranking head: s(u, m) = P3[u]·Q3[m] + r[m] + β·ŷ(u, m), where ŷ is the
    /// unclipped predicted rating on the [0, 1] scale. 0 (the default) ranks by the head alone; β &gt; 0 moves movies the
    /// user would rate highly up among those the head finds likely, which suits a relevance of "rated at least 4 stars"
    /// (docs/experiments-ranking.md: chosen on validation data, not yet checked on a test split). Applied when scoring
    /// (recommendations, ranking metrics, cold-start lists); training does not use it. Needs a ranking head.
    /// </summary>
    public float RankingRatingBlend { get; init; } = DefaultRankingRatingBlend;

    /// <summary>Whether the network has a ranking head.</summary>
    [System.Text.Json.Serialization.JsonIgnore]
    public bool HasRankingHead => RankingEmbeddingSize > 0;

    /// <summary>The neural-branch width actually used.</summary>
    public int ResolvedNeuralWidth => NeuralWidth ?? Math.Max(1, EmbeddingSize / 2);

    /// <summary>The width of the tower of feature group <paramref name="group"/> of <paramref name="entity"/>.</summary>
    public int ResolveTowerWidth(FeatureEntity entity, string group)
    {
        var overrides = entity == FeatureEntity.Item ? ItemTowerWidths : UserTowerWidths;
        if (overrides is not null && overrides.TryGetValue(group, out int width)) return width;
        return TowerWidth ?? Math.Max(1, EmbeddingSize / 2);
    }

    /// <summary>Throws <see cref="ArgumentException"/> naming the first invalid option.</summary>
    public void Validate()
    {
        if (EmbeddingSize < 1) throw new ArgumentException($"EmbeddingSize must be at least 1 (got {EmbeddingSize}).");
        if (NeuralWidth is < 1) throw new ArgumentException($"NeuralWidth must be at least 1 (got {NeuralWidth}).");
        if (RankingEmbeddingSize < 0 || RankingEmbeddingSize > 4096) throw new ArgumentException($"RankingEmbeddingSize must be in [0, 4096] (got {RankingEmbeddingSize}).");
        if (TowerWidth is < 1) throw new ArgumentException($"TowerWidth must be at least 1 (got {TowerWidth}).");
        foreach (var (name, widths) in new[] { (nameof(ItemTowerWidths), ItemTowerWidths), (nameof(UserTowerWidths), UserTowerWidths) })
            foreach (var (group, width) in widths ?? new Dictionary<string, int>())
                if (width < 1) throw new ArgumentException($"{name}['{group}'] must be at least 1 (got {width}).");
        foreach (var (name, groups) in new[] { (nameof(ItemFeatureGroups), ItemFeatureGroups), (nameof(UserFeatureGroups), UserFeatureGroups) })
        {
            if (groups is null) continue;
            if (groups.Any(g => !FeatureGroup.IsValidName(g))) throw new ArgumentException($"{name} holds '{groups.First(g => !FeatureGroup.IsValidName(g))}', which is not a feature group name.");
            if (groups.Distinct(StringComparer.Ordinal).Count() != groups.Count) throw new ArgumentException($"{name} names a group twice.");
        }
        if (!(EmbeddingInitRange >= 0) || float.IsInfinity(EmbeddingInitRange))
            throw new ArgumentException($"EmbeddingInitRange must be a finite value ≥ 0 (got {EmbeddingInitRange}).");
        if (!(EmbeddingL2 >= 0) || float.IsInfinity(EmbeddingL2)) throw new ArgumentException($"EmbeddingL2 must be a finite value ≥ 0 (got {EmbeddingL2}).");
        if (!(EmbeddingTableL2 >= 0) || float.IsInfinity(EmbeddingTableL2)) throw new ArgumentException($"EmbeddingTableL2 must be a finite value ≥ 0 (got {EmbeddingTableL2}).");
        if (!(DenseL2 >= 0) || float.IsInfinity(DenseL2)) throw new ArgumentException($"DenseL2 must be a finite value ≥ 0 (got {DenseL2}).");
        if (!(RankingRatingBlend >= 0 && RankingRatingBlend <= MaxRankingRatingBlend))
            throw new ArgumentException($"RankingRatingBlend must be in [0, {MaxRankingRatingBlend}] (got {RankingRatingBlend}).");
        if (RankingRatingBlend > 0 && !HasRankingHead)
            throw new ArgumentException($"RankingRatingBlend ({RankingRatingBlend}) needs a ranking head (RankingEmbeddingSize > 0); without one, items already rank by predicted rating.");
    }

    /// <summary>Value equality, the dictionaries and lists compared by content.</summary>
    public bool Equals(HybridModelOptions? other) =>
        other is not null && EmbeddingSize == other.EmbeddingSize && NeuralWidth == other.NeuralWidth && TowerWidth == other.TowerWidth
        && SameWidths(ItemTowerWidths, other.ItemTowerWidths) && SameWidths(UserTowerWidths, other.UserTowerWidths)
        && SameGroups(ItemFeatureGroups, other.ItemFeatureGroups) && SameGroups(UserFeatureGroups, other.UserFeatureGroups)
        && EmbeddingInitRange.Equals(other.EmbeddingInitRange) && UseBiases == other.UseBiases && EmbeddingL2.Equals(other.EmbeddingL2)
        && EmbeddingTableL2.Equals(other.EmbeddingTableL2) && DenseL2.Equals(other.DenseL2) && RankingEmbeddingSize == other.RankingEmbeddingSize
        && RankingRatingBlend.Equals(other.RankingRatingBlend);

    /// <inheritdoc />
    public override int GetHashCode() => HashCode.Combine(HashCode.Combine(EmbeddingSize, NeuralWidth, TowerWidth, EmbeddingInitRange, UseBiases, EmbeddingL2, EmbeddingTableL2, DenseL2), RankingEmbeddingSize, RankingRatingBlend);

    private static bool SameWidths(IReadOnlyDictionary<string, int>? a, IReadOnlyDictionary<string, int>? b) =>
        a is null || b is null ? a is null && b is null : a.Count == b.Count && a.All(kv => b.TryGetValue(kv.Key, out int w) && w == kv.Value);

    private static bool SameGroups(IReadOnlyList<string>? a, IReadOnlyList<string>? b) =>
        a is null || b is null ? a is null && b is null : a.SequenceEqual(b, StringComparer.Ordinal);
}
