namespace HybridRec.Model.Serialization;

/// <summary>
/// The architecture options as model format version 1 stored them (JSON of the options record of the time, with
/// per-tower widths for the genre and tag towers), mapped onto today's <see cref="HybridModelOptions"/>: item towers
/// over <c>genres</c> and <c>tags</c> with their resolved widths, no user towers. Defaults are version 1's.
/// </summary>
internal sealed record VersionOneOptions
{
    public const string GenresGroup = "genres", TagsGroup = "tags";

    public int EmbeddingSize { get; init; } = 50;
    public int? NeuralWidth { get; init; }
    public int? GenreWidth { get; init; }
    public int? TagWidth { get; init; }
    public float EmbeddingInitRange { get; init; } = 0.05f;
    public bool UseBiases { get; init; }
    public float EmbeddingL2 { get; init; }
    public float EmbeddingTableL2 { get; init; }
    public float DenseL2 { get; init; }

    public HybridModelOptions ToOptions()
    {
        int half = Math.Max(1, EmbeddingSize / 2);
        return new HybridModelOptions
        {
            EmbeddingSize = EmbeddingSize,
            NeuralWidth = NeuralWidth,
            TowerWidth = null,
            ItemTowerWidths = new Dictionary<string, int> { [GenresGroup] = GenreWidth ?? half, [TagsGroup] = TagWidth ?? half },
            UserTowerWidths = null,
            ItemFeatureGroups = [GenresGroup, TagsGroup],
            UserFeatureGroups = [],
            EmbeddingInitRange = EmbeddingInitRange,
            UseBiases = UseBiases,
            EmbeddingL2 = EmbeddingL2,
            EmbeddingTableL2 = EmbeddingTableL2,
            DenseL2 = DenseL2,
            RankingEmbeddingSize = 0,
        };
    }
}
