using HybridRec.Data;
using HybridRec.Model.Backends;
using HybridRec.Model.Parameters;
using HybridRec.Model.Tests.TestData;
using HybridRec.Model.Training;

namespace HybridRec.Model.Tests.Ranking;

/// <summary>
/// The ranking tests' data (30 users, 40 movies, a fixed 80/20 split) and models with random parameters and a ranking
/// head, each with its twin without the head (the same rating parameters), plus the head's score computed by hand.
/// </summary>
internal static class HeadModels
{
    public static readonly RatingDataset Data = SyntheticDataset.Create(users: 30, movies: 40, ratingsPerUser: 14);

    public static readonly RatingSplit Split = SyntheticDataset.Split(Data.Ratings, 0.2, 5);

    /// <summary>A 2-member model of <paramref name="options"/> (with a head) with parameters uniform in ±0.4 from <paramref name="seed"/>, and its rating-only twin.</summary>
    public static (HybridModel Model, HybridModel RatingOnly, ParameterLayout Layout, List<float[]> Members) Random(HybridModelOptions options, long seed)
    {
        var layout = BackendSetup.Create(Data, options, new AdamOptions(), 0f).Layout;
        var rng = new SeededRandom(seed);
        var members = Enumerable.Range(0, 2).Select(_ => Enumerable.Range(0, layout.Count).Select(_ => (rng.NextSingle() - 0.5f) * 0.8f).ToArray()).ToList();
        var model = HybridModel.Create(Data, Split.Train, options, 0.5f, members);
        var ratingOnly = HybridModel.Create(Data, Split.Train, options with { RankingEmbeddingSize = 0, RankingRatingBlend = 0f }, 0.5f,
            members.Select(p => StripHead(layout, p)).ToList());
        return (model, ratingOnly, layout, members);
    }

    /// <summary>The head's score P3[u]·Q3[m] + r[m] averaged over <paramref name="members"/>, in double.</summary>
    public static double HeadScore(ParameterLayout l, IEnumerable<float[]> members, int u, int m) =>
        members.Average(p => (double)Dot(p, l.UserRank!.Offset + u * l.Er, l.ItemRank!.Offset + m * l.Er, l.Er) + p[l.ItemRankBias!.Offset + m]);

    /// <summary>The parameters without the head's slices (the layout of the same options without a head).</summary>
    public static float[] StripHead(ParameterLayout layout, float[] p) =>
        [.. p.AsSpan(0, layout.RankOffset), .. p.AsSpan(layout.DenseOffset)];

    private static float Dot(float[] p, int a, int b, int n)
    {
        float s = 0;
        for (int i = 0; i < n; i++) s += p[a + i] * p[b + i];
        return s;
    }
}
