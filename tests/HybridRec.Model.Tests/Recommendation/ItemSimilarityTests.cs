using HybridRec.Data;
using HybridRec.Model.Recommendation;
using HybridRec.Model.Tests.TestData;

namespace HybridRec.Model.Tests.Recommendation;

/// <summary>
/// Item similarity on models whose item embeddings are set by hand: the expected values are cosines computed
/// here in double from the same rows, per member, then averaged.
/// </summary>
public sealed class ItemSimilarityTests
{
    private const int E = 3;

    // Item rows [Q1 | Q2] per member; item 3 is all zeros.
    private static readonly double[][][] Rows =
    [
        [[1, 0, 0, 0, 1, 0], [2, 0, 0, 0, 2, 0], [-1, 0, 0, 0, -1, 0], [0, 0, 0, 0, 0, 0], [0, 1, 0, 1, 0, 0]],
        [[0, 0, 1, 1, 0, 0], [0, 1, 1, 1, 0, 0], [0, 0, 1, 1, 0, 0], [0, 0, 0, 0, 0, 0], [1, 0, 0, 0, 0, 1]],
    ];

    private static HybridModel HandMadeModel(int members)
    {
        var data = SyntheticDataset.Create(users: 4, movies: 5, ratingsPerUser: 3);
        var options = TestOptions.Model with { EmbeddingSize = E, NeuralWidth = 2, TowerWidth = 2 };
        var layout = TestOptions.Setup(4, 5, data.ItemFeatures, FeatureGroupCollection.Empty, options).Layout;
        var parameters = new List<float[]>();
        for (int k = 0; k < members; k++)
        {
            var p = new float[layout.Count];
            var rng = new SeededRandom(k);
            for (int i = 0; i < p.Length; i++) p[i] = rng.NextSingle() - 0.5f;   // everything else is noise
            for (int m = 0; m < 5; m++)
                for (int j = 0; j < E; j++)
                {
                    p[layout.ItemCf.Offset + m * E + j] = (float)Rows[k][m][j];
                    p[layout.ItemNn.Offset + m * E + j] = (float)Rows[k][m][E + j];
                }
            parameters.Add(p);
        }
        return HybridModel.Create(data, data.Ratings, options, 0f, parameters);
    }

    private static double Expected(int members, int a, int b)
    {
        double sum = 0;
        for (int k = 0; k < members; k++)
        {
            double[] x = Rows[k][a], y = Rows[k][b];
            double nx = Math.Sqrt(x.Sum(v => v * v)), ny = Math.Sqrt(y.Sum(v => v * v));
            sum += nx == 0 || ny == 0 ? 0 : x.Zip(y, (p, q) => p * q).Sum() / (nx * ny);
        }
        return sum / members;
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    public void SimilarityIsTheMembersMeanCosineOfTheItemEmbeddings(int members)
    {
        var similarity = new ItemSimilarity(HandMadeModel(members));
        var row = new float[5];
        for (int a = 0; a < 5; a++)
        {
            similarity.SimilaritiesTo(a, row);
            for (int b = 0; b < 5; b++)
            {
                Assert.Equal(Expected(members, a, b), similarity.Similarity(a, b), 1e-6);
                Assert.Equal(similarity.Similarity(a, b), row[b]);
            }
        }
        // Scale does not matter, direction does (member 0: item 1 = 2 × item 0, item 2 = −item 0; member 1: item 2 = item 0, item 1 at cos 2/√6).
        Assert.Equal(members == 1 ? 1.0 : 0.5 * (1 + 2 / Math.Sqrt(6)), similarity.Similarity(0, 1), 1e-6);
        Assert.Equal(members == 1 ? -1.0 : 0.0, similarity.Similarity(0, 2), 1e-6);
        // An all-zero item is similar to nothing.
        Assert.Equal(0f, similarity.Similarity(3, 0));
        Assert.Equal(0f, similarity.Similarity(3, 3));
    }

    [Fact]
    public void MostSimilarExcludesTheItemAndRanksByTheMeanCosine()
    {
        var model = HandMadeModel(2);
        var similarity = new ItemSimilarity(model);
        for (int a = 0; a < 5; a++)
        {
            int id = model.Items.GetRawId(a);
            var result = similarity.MostSimilar(id, 10);
            var expected = Enumerable.Range(0, 5).Where(b => b != a)
                .OrderByDescending(b => Math.Round(Expected(2, a, b), 6)).ThenBy(b => b).Select(model.Items.GetRawId).ToArray();
            Assert.Equal(expected, result.Select(r => r.ItemId));
            Assert.All(result, r => Assert.Equal(model.ItemNames[model.Items.GetIndex(r.ItemId)], r.Name));
            Assert.All(result, r => Assert.Equal(Expected(2, a, model.Items.GetIndex(r.ItemId)), r.Similarity, 1e-6));
            Assert.Equal(expected.Take(2), similarity.MostSimilar(id, 2).Select(r => r.ItemId));
        }
    }

    [Fact]
    public void AnUnknownItemIsAClearError()
    {
        var e = Assert.Throws<KeyNotFoundException>(() => new ItemSimilarity(HandMadeModel(1)).MostSimilar(12345, 3));
        Assert.Contains("item 12345 is not in the model", e.Message);
    }
}
