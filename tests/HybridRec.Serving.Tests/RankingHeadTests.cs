using HybridRec.Model.Recommendation;
using HybridRec.Serving.Contracts;
using HybridRec.Serving.Tests.TestData;

namespace HybridRec.Serving.Tests;

/// <summary>
/// The endpoints over a model with a ranking head (the library's default): known users' lists and cold-start lists are
/// the model layer's, ranked by the head's score (not by predicted stars), with the rating head's stars on each movie.
/// </summary>
public sealed class RankingHeadTests(TestModels models) : IDisposable
{
    private readonly ApiFactory _factory = new(models.PathRanked);

    [Fact]
    public void TheModelHasAHeadThatRanksDifferentlyFromTheStars()
    {
        Assert.True(models.Ranked.Options.HasRankingHead);
        // A head that ranked exactly like the stars would prove nothing about which score the endpoints use.
        var byHead = models.Ranked.Recommend(1, new RecommendOptions { Count = 10, MinTrainingRatings = 0 });
        Assert.Contains(byHead.Zip(byHead.Skip(1)), p => p.First.PredictedRating < p.Second.PredictedRating);
    }

    [Theory]
    [InlineData(1, 3)]
    [InlineData(33, 10)]
    public async Task KnownUsersGetTheHeadsList(int userId, int count)
    {
        var client = _factory.CreateClient();
        var recs = await Http.Ok<MovieRecommendation[]>(await client.GetAsync($"/users/{userId}/recommendations?count={count}"));
        Assert.Equal(Http.Expected(models.Ranked, userId, count), recs);
        Assert.Equal(count, recs.Length);
        for (int i = 1; i < recs.Length; i++) Assert.True(recs[i - 1].Score >= recs[i].Score);
    }

    [Fact]
    public async Task ANewUserIsFoldedIntoTheHeadToo()
    {
        (int Movie, double Rating)[] ratings = [(2, 5.0), (9, 4.5), (40, 1.0), (12, 4.0), (55, 0.5)];
        var recs = await Http.Ok<MovieRecommendation[]>(await _factory.CreateClient().PostAsync("/recommendations", Http.JsonBody(Http.RatingsBody(ratings, 5))));
        var expected = Http.FoldInList(models.Ranked, ratings, 5);
        Assert.Equal(expected.Select(r => r.ItemId), recs.Select(r => r.MovieId));
        Assert.Equal(expected.Select(r => r.Score), recs.Select(r => r.Score));
        Assert.Equal(expected.Select(r => r.PredictedRating), recs.Select(r => r.PredictedStars));
        Assert.DoesNotContain(recs, r => ratings.Any(x => x.Movie == r.MovieId));
        // The head's row was fitted: the list differs from the one of a user with no ratings (the most rated movies).
        var none = await Http.Ok<MovieRecommendation[]>(await _factory.CreateClient().PostAsync("/recommendations", Http.JsonBody("""{"ratings": [], "count": 5}""")));
        Assert.NotEqual(none.Select(r => r.MovieId), recs.Select(r => r.MovieId));
    }

    public void Dispose() => _factory.Dispose();
}
