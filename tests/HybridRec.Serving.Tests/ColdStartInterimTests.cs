using HybridRec.Model.Recommendation;
using HybridRec.Serving.ColdStart;
using HybridRec.Serving.Contracts;
using HybridRec.Serving.Tests.TestData;

namespace HybridRec.Serving.Tests;

/// <summary>
/// POST /recommendations with the INTERIM cold start (<see cref="InterimSimilarityColdStartRecommender"/>). Re-point
/// these at the model layer's fold-in when it lands: the endpoint-level facts (never a rated movie, count, scale,
/// determinism, the genre structure) must hold for it too; the exact-value tests below are the interim method's own.
/// </summary>
[Trait("Category", "ColdStartInterim")]
public sealed class ColdStartInterimTests(TestModels models) : IDisposable
{
    private readonly ApiFactory _factory = new(models.PathA);

    private async Task<MovieRecommendation[]> Post(string body) =>
        await Http.Ok<MovieRecommendation[]>(await _factory.CreateClient().PostAsync("/recommendations", Http.JsonBody(body)));

    [Fact]
    public async Task FiveRatingsGiveThreeMoviesTheBodyDidNotRate()
    {
        (int, double)[] ratings = [(2, 5.0), (9, 4.5), (40, 1.0), (12, 4.0), (55, 0.5)];
        var recs = await Post(Http.RatingsBody(ratings, 3));
        Assert.Equal(3, recs.Length);
        Assert.DoesNotContain(recs, r => ratings.Any(x => x.Item1 == r.MovieId));
        Assert.All(recs, r => Assert.InRange(r.PredictedStars, 0.5f, 5f));
        Assert.All(recs, r => Assert.True(TinyMovies.IsDrama(r.MovieId), $"{r.Title} for someone who likes dramas and not comedies"));
        Assert.Equal(recs, await Post(Http.RatingsBody(ratings, 3)));
        for (int i = 1; i < recs.Length; i++) Assert.True(recs[i - 1].Score >= recs[i].Score);
    }

    [Fact]
    public async Task AComedyLoverGetsComedies()
    {
        var recs = await Post(Http.RatingsBody([(35, 5.0), (48, 4.5), (3, 1.0)], 10));
        Assert.Equal(10, recs.Length);
        Assert.All(recs, r => Assert.False(TinyMovies.IsDrama(r.MovieId), r.Title));
    }

    [Fact]
    public async Task TheScoresAndPredictionsAreTheInterimMethods()
    {
        (int Movie, double Rating)[] ratings = [(2, 5.0), (40, 1.0)];
        var recs = await Post(Http.RatingsBody(ratings, 4));
        var similarity = new ItemSimilarity(models.A);
        int[] rated = ratings.Select(r => models.A.Items.GetIndex(r.Movie)).ToArray();
        foreach (var r in recs)
        {
            int m = models.A.Items.GetIndex(r.MovieId);
            double score = ratings.Select((x, j) => similarity.Similarity(m, rated[j]) * (x.Rating - 2.75) / 2.25).Sum() / ratings.Length;
            double w0 = Math.Max(0, similarity.Similarity(m, rated[0])), w1 = Math.Max(0, similarity.Similarity(m, rated[1]));
            double predicted = (w0 * 5.0 + w1 * 1.0 + 3.0) / (w0 + w1 + 1);
            Assert.Equal(score, r.Score, 1e-5);
            Assert.Equal(predicted, r.PredictedStars, 1e-4);
        }
    }

    [Fact]
    public async Task NoRatingsGiveTheMostRatedMovies()
    {
        var recs = await Post("""{"ratings": [], "count": 5}""");
        var counts = Enumerable.Range(1, TinyMovies.Movies)
            .Select(id => (Id: id, Count: models.Data.Ratings.Items.Count(i => i == models.Data.Items.GetIndex(id))))
            .OrderByDescending(x => x.Count).ThenBy(x => x.Id).Take(5).ToArray();
        Assert.Equal(counts.Select(c => c.Id), recs.Select(r => r.MovieId));
        Assert.Equal(counts.Select(c => (float)c.Count / counts[0].Count), recs.Select(r => r.Score));
        float mean = models.A.Scale.Denormalize(models.A.GlobalOffset);
        Assert.All(recs, r => Assert.Equal(mean, r.PredictedStars));
        Assert.InRange(mean, 2.5f, 3.5f);   // the data's ratings: half about 4.5, half about 1.5
    }

    [Fact]
    public async Task ADefaultCountApplies() =>
        Assert.Equal(3, (await Post(Http.RatingsBody([(1, 3.5)]))).Length);

    public void Dispose() => _factory.Dispose();
}
