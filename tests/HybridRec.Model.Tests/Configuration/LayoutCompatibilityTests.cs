using HybridRec.Data;
using HybridRec.Model.Parameters;
using HybridRec.Model.Tests.TestData;

namespace HybridRec.Model.Tests.Configuration;

/// <summary>The layout's slice order and initial values keep those of the original network (genre and tag towers), so its seeds reproduce.</summary>
public sealed class LayoutCompatibilityTests
{
    private static ModelDimensions Dims(params (string Name, int Vocabulary)[] userGroups) =>
        new(7, 9, [new FeatureGroupShape("genres", 4), new FeatureGroupShape("tags", 3)], userGroups.Select(g => new FeatureGroupShape(g.Name, g.Vocabulary)).ToArray());

    [Fact]
    public void SlicesComeInTheOriginalOrderThenTheUserTowers()
    {
        var layout = new ParameterLayout(Dims(("age", 7), ("gender", 2)), TestOptions.Model with { EmbeddingSize = 4, UseBiases = true });
        Assert.Equal(["user_cf", "user_nn", "item_cf", "item_nn", "user_bias", "item_bias", "nn_kernel", "nn_bias",
            "item_genres_kernel", "item_genres_bias", "item_tags_kernel", "item_tags_bias",
            "user_age_kernel", "user_age_bias", "user_gender_kernel", "user_gender_bias", "out_kernel", "out_bias"], layout.Slices.Select(s => s.Name));
        // The concatenation: z, hn, item towers, user towers.
        Assert.Equal([3, 5, 7, 9], layout.Towers.Select(t => t.ConcatColumn));
        Assert.Equal(1 + 2 + 4 * 2, layout.ConcatWidth);
        Assert.Equal(layout.DenseOffset, layout.NnKernel.Offset);
    }

    [Fact]
    public void RenamedSlicesDrawFromTheirOriginalStreams()
    {
        var layout = new ParameterLayout(Dims(("age", 7)), TestOptions.Model with { EmbeddingSize = 4, UseBiases = true });
        var values = ParameterInitializer.Create(layout, 42);
        foreach (var (slice, stream) in new[] { ("item_cf", "movie_cf"), ("item_nn", "movie_nn"), ("item_genres_kernel", "genre_kernel"), ("item_tags_kernel", "tag_kernel"), ("user_cf", "user_cf"), ("user_age_kernel", "user_age_kernel") })
        {
            Assert.Equal(stream, ParameterInitializer.StreamName(slice));
            var s = layout[slice];
            var rng = SeededRandom.For(42, "init:" + stream);
            float limit = s.Init == SliceInit.UniformEmbedding ? layout.Options.EmbeddingInitRange : MathF.Sqrt(6f / (s.FanIn + s.FanOut));
            var expected = Enumerable.Range(0, s.Length).Select(_ => (2f * rng.NextSingle() - 1f) * limit).ToArray();
            Assert.Equal(expected, values.AsSpan(s.Offset, s.Length).ToArray());
        }
    }

    [Fact]
    public void AddingUserTowersLeavesTheOtherSlicesInitialValuesAlone()
    {
        var options = TestOptions.Model with { EmbeddingSize = 4 };
        var without = new ParameterLayout(Dims(), options);
        var with = new ParameterLayout(Dims(("age", 7)), options);
        var a = ParameterInitializer.Create(without, 3);
        var b = ParameterInitializer.Create(with, 3);
        foreach (var s in without.Slices.Where(s => s.Name != "out_kernel"))   // the output kernel is wider with a user tower
            Assert.Equal(a.AsSpan(s.Offset, s.Length).ToArray(), b.AsSpan(with[s.Name].Offset, s.Length).ToArray());
    }

    [Fact]
    public void TowerWidthsComeFromTheOverridesThenTheDefaultWidth()
    {
        var options = TestOptions.Model with
        {
            EmbeddingSize = 8, TowerWidth = 3,
            ItemTowerWidths = new Dictionary<string, int> { ["tags"] = 5, ["absent"] = 9 },
            UserTowerWidths = new Dictionary<string, int> { ["age"] = 2 },
        };
        var layout = new ParameterLayout(Dims(("age", 7), ("zip", 10)), options);
        Assert.Equal([3, 5, 2, 3], layout.Towers.Select(t => t.Width));
        Assert.Contains("UserTowerWidths['age'] must be at least 1",
            Assert.Throws<ArgumentException>(() => new ParameterLayout(Dims(("age", 7)), options with { UserTowerWidths = new Dictionary<string, int> { ["age"] = 0 } })).Message);
    }
}
