using HybridRec.Data;
using HybridRec.Model.Backends;
using HybridRec.Model.Training;

namespace HybridRec.Model.Tests.Fuzzing;

/// <summary>
/// The valid model files the fuzzer mutates: small models of several shapes (one member or an ensemble, with and
/// without biases, item and user towers multi-hot and categorical, no towers, unicode names, negative ids, a
/// whole-star and a tenth-step scale), built through the public API with seeded random parameters, and the
/// format-version-1 fixture. Deterministic.
/// </summary>
internal static class ModelFuzzSeeds
{
    private static readonly Lazy<IReadOnlyList<(string Name, byte[] File)>> Files = new(Build);

    /// <summary>The seed files, each with a short name.</summary>
    public static IReadOnlyList<(string Name, byte[] File)> All => Files.Value;

    /// <summary>The format-version-1 fixture of the serialization tests.</summary>
    public static string VersionOneFixture => Path.Combine(AppContext.BaseDirectory, "Serialization", "Fixtures", "model-v1.hrec");

    private static List<(string, byte[])> Build()
    {
        var seeds = new List<(string, byte[])>
        {
            ("one-member", Save(Dataset(6, 8, seed: 1), new HybridModelOptions { EmbeddingSize = 3, NeuralWidth = 2, UseBiases = false, UserFeatureGroups = [] }, members: 1, seed: 1)),
            ("ensemble-biases-user-tower", Save(Dataset(7, 9, seed: 2, userGroup: true), new HybridModelOptions
            {
                EmbeddingSize = 4, NeuralWidth = 3, ItemFeatureGroups = ["tags", "genres"], ItemTowerWidths = new Dictionary<string, int> { ["tags"] = 2 },
                UserTowerWidths = new Dictionary<string, int> { ["segment"] = 3 },
            }, members: 2, seed: 2)),
            ("no-towers", Save(Dataset(5, 6, seed: 3), new HybridModelOptions { EmbeddingSize = 2, NeuralWidth = 1, ItemFeatureGroups = [], UserFeatureGroups = [] }, members: 3, seed: 3)),
            ("categorical-item-group", Save(Dataset(6, 7, seed: 4, brand: true, userGroup: true), new HybridModelOptions { EmbeddingSize = 2, TowerWidth = 2 }, members: 1, seed: 4)),
            ("tiny", Save(Dataset(2, 2, seed: 5, negativeIds: true), new HybridModelOptions { EmbeddingSize = 1, NeuralWidth = 1, UserFeatureGroups = [] }, members: 1, seed: 5)),
            ("unicode-whole-stars", Save(Dataset(4, 5, seed: 6, unicode: true, scale: RatingScale.WholeStars), new HybridModelOptions { EmbeddingSize = 2, UserFeatureGroups = [] }, members: 2, seed: 6)),
            ("tenth-steps", Save(Dataset(5, 6, seed: 7, scale: new RatingScale(0f, 1f, 0.1f)), new HybridModelOptions { EmbeddingSize = 3, NeuralWidth = 2, UseBiases = true }, members: 1, seed: 7)),
            ("ranking-head", Save(Dataset(6, 9, seed: 8), new HybridModelOptions { EmbeddingSize = 2, NeuralWidth = 2, RankingEmbeddingSize = 3, UserFeatureGroups = [] }, members: 2, seed: 8)),
            ("ranking-head-blend", Save(Dataset(5, 8, seed: 9), new HybridModelOptions { EmbeddingSize = 2, NeuralWidth = 2, RankingEmbeddingSize = 2, RankingRatingBlend = 2.5f, UserFeatureGroups = [] }, members: 1, seed: 9)),
            ("version-1", File.ReadAllBytes(VersionOneFixture)),
            ("version-2", File.ReadAllBytes(Path.Combine(Path.GetDirectoryName(VersionOneFixture)!, "model-v2.hrec"))),
            ("version-3", File.ReadAllBytes(Path.Combine(Path.GetDirectoryName(VersionOneFixture)!, "model-v3.hrec"))),
        };
        return seeds;
    }

    private static byte[] Save(RatingDataset data, HybridModelOptions options, int members, long seed)
    {
        var layout = BackendSetup.Create(data, options, new AdamOptions(), 0f).Layout;
        var rng = new SeededRandom(seed);
        var parameters = Enumerable.Range(0, members).Select(_ => Enumerable.Range(0, layout.Count).Select(_ => (rng.NextSingle() - 0.5f) * 0.6f).ToArray()).ToList();
        float offset = options.UseBiases ? 0.55f : 0f;
        var train = data.Ratings.Take(data.Ratings.Count - data.Ratings.Count / 4);   // some ratings stay unseen, so histories are partial
        var model = HybridModel.Create(data, train, options, offset, parameters);
        using var ms = new MemoryStream();
        model.Save(ms);
        return ms.ToArray();
    }

    private static RatingDataset Dataset(int users, int items, long seed, bool userGroup = false, bool brand = false, bool unicode = false,
        bool negativeIds = false, RatingScale? scale = null)
    {
        var rng = new SeededRandom(seed);
        var s = scale ?? RatingScale.HalfStars;
        var b = new RatingDatasetBuilder(unicode ? "données-ünïcode-映画" : $"fuzz-seed-{seed}") { Scale = s };
        b.DefineItemFeatureGroup("genres", FeatureKind.MultiHot).DefineItemFeatureGroup("tags", FeatureKind.MultiHot);
        if (brand) b.DefineItemFeatureGroup("brand", FeatureKind.Categorical);
        if (userGroup) b.DefineUserFeatureGroup("segment", FeatureKind.Categorical);
        int Id(int k) => negativeIds ? -1000 + 7 * k : 10 * (k + 1);
        for (int m = 0; m < items; m++)
        {
            b.AddItem(Id(m), unicode ? $"Film {m} — «été» 🎬" : $"Item {m}");
            b.AddItemFeatures(Id(m), "genres", $"g{rng.NextInt(3)}");
            if (rng.NextDouble() < 0.6) b.AddItemFeatures(Id(m), "tags", $"t{rng.NextInt(4)}", $"t{4 + rng.NextInt(2)}");
            if (brand && rng.NextDouble() < 0.7) b.AddItemFeatures(Id(m), "brand", $"b{rng.NextInt(3)}");
        }
        int steps = (int)Math.Round((s.Max - s.Min) / s.Step);
        for (int u = 0; u < users; u++)
        {
            if (userGroup) b.AddUserFeatures(u + 1, "segment", $"s{rng.NextInt(2)}");
            for (int k = 0; k < Math.Max(1, items / 2); k++)
                b.AddRating(u + 1, Id(rng.NextInt(items)), s.Min + rng.NextInt(steps + 1) * s.Step);
        }
        return b.Build();
    }
}
