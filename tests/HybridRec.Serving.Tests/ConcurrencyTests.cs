using HybridRec.Serving.Contracts;
using HybridRec.Serving.Tests.TestData;

namespace HybridRec.Serving.Tests;

/// <summary>Many requests at once give the same answers as the same requests one at a time.</summary>
public sealed class ConcurrencyTests(TestModels models)
{
    [Theory]
    [InlineData(true, false)]
    [InlineData(false, false)]
    [InlineData(false, true)]
    public async Task ConcurrentRequestsEqualSequentialOnes(bool cache, bool parallelScoring)
    {
        using var factory = new ApiFactory(models.PathA, o => { o.RecommendationCacheUsers = cache ? 10_000 : 0; o.ParallelScoring = parallelScoring; });
        var client = factory.CreateClient();
        var requests = Enumerable.Range(0, 400).Select(i => (i % 3) switch
        {
            0 => $"/users/{1 + i * 7 % 40}/recommendations?count={1 + i % 12}",
            1 => $"/movies/{1 + i * 11 % 60}/similar?count={1 + i % 9}",
            _ => $"/movies/{1 + i * 5 % 60}",
        }).ToArray();
        var sequential = new List<string>();
        foreach (string url in requests) sequential.Add(await Body(client, url));

        var concurrent = new string[requests.Length];
        await Parallel.ForEachAsync(Enumerable.Range(0, requests.Length), new ParallelOptions { MaxDegreeOfParallelism = 16 },
            async (i, _) => concurrent[i] = await Body(client, requests[i]));
        Assert.Equal(sequential, concurrent);

        // And the model's own lists (cold-start POSTs too: they share the snapshot's similarity index).
        var posts = Enumerable.Range(0, 64).Select(i => Http.RatingsBody([(1 + i % 60, 4.5), (1 + (i * 7 + 3) % 60, 1.0)], 5)).ToArray();
        var one = new List<string>();
        foreach (var body in posts) one.Add(await (await client.PostAsync("/recommendations", Http.JsonBody(body))).Content.ReadAsStringAsync());
        var many = await Task.WhenAll(posts.Select(async body => await (await client.PostAsync("/recommendations", Http.JsonBody(body))).Content.ReadAsStringAsync()));
        Assert.Equal(one, many);
        Assert.Equal(Http.Expected(models.A, 8, 7), await Http.Ok<MovieRecommendation[]>(await client.GetAsync("/users/8/recommendations?count=7")));
    }

    private static async Task<string> Body(HttpClient client, string url)
    {
        var response = await client.GetAsync(url);
        string body = await response.Content.ReadAsStringAsync();
        Assert.True(response.IsSuccessStatusCode, $"{url}: {(int)response.StatusCode} {body}");
        return body;
    }
}
