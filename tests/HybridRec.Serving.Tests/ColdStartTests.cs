using HybridRec.Model.Recommendation;
using HybridRec.Serving.Contracts;
using HybridRec.Serving.Tests.TestData;

namespace HybridRec.Serving.Tests;

/// <summary>POST /recommendations: the model layer's fold-in (<see cref="ColdStart.FoldInColdStartRecommender"/>) behind the endpoint.</summary>
public sealed class ColdStartTests(TestModels models) : IDisposable
{
    private readonly ApiFactory _factory = new(models.PathA);

    private async Task<MovieRecommendation[]> Post(string body) =>
        await Http.Ok<MovieRecommendation[]>(await _factory.CreateClient().PostAsync("/recommendations", Http.JsonBody(body)));

    /// <summary>The model layer's list for the same ratings.</summary>
    private IReadOnlyList<Recommendation> ModelList((int Movie, double Rating)[] ratings, int count) => Http.FoldInList(models.A, ratings, count);

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
    public async Task TheAnswerIsTheModelLayersFoldIn()
    {
        (int Movie, double Rating)[] ratings = [(2, 5.0), (40, 1.0), (31, 2.0)];
        var recs = await Post(Http.RatingsBody(ratings, 8));
        var expected = ModelList(ratings, 8);
        Assert.Equal(expected.Select(r => r.ItemId), recs.Select(r => r.MovieId));
        Assert.Equal(expected.Select(r => r.Score), recs.Select(r => r.Score));
        Assert.Equal(expected.Select(r => r.PredictedRating), recs.Select(r => r.PredictedStars));
    }

    [Fact]
    public async Task NoRatingsGiveTheMostRatedMovies()
    {
        var recs = await Post("""{"ratings": [], "count": 5}""");
        var counts = Enumerable.Range(1, TinyMovies.Movies)
            .Select(id => (Id: id, Count: models.Data.Ratings.Items.ToArray().Count(i => i == models.Data.Items.GetIndex(id))))
            .OrderByDescending(x => x.Count).ThenBy(x => x.Id).Take(5).ToArray();
        Assert.Equal(counts.Select(c => c.Id), recs.Select(r => r.MovieId));
        Assert.Equal(counts.Select(c => (float)c.Count / counts[0].Count), recs.Select(r => r.Score));
        var prior = models.A.FoldInUser([]);
        Assert.All(recs, r => Assert.Equal(models.A.PredictStars(prior, r.MovieId), r.PredictedStars));
    }

    [Fact]
    public async Task ADefaultCountApplies() =>
        Assert.Equal(3, (await Post(Http.RatingsBody([(1, 3.5)]))).Length);

    public void Dispose() => _factory.Dispose();
}
