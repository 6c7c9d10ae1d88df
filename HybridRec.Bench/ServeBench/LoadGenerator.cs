using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Headers;
using System.Text;
using HybridRec.Data;

namespace HybridRec.Bench.ServeBench;

/// <summary>What the load generator sends.</summary>
/// <param name="UserIds">Known user ids (GET requests pick one at random).</param>
/// <param name="MovieIds">Known movie ids (POST bodies rate 5 distinct ones).</param>
/// <param name="Scale">The model's rating scale (POST ratings are random steps on it).</param>
/// <param name="PostShare">The share of requests that are cold-start POSTs.</param>
/// <param name="Seed">Seed of the request streams (worker w uses seed + w).</param>
internal sealed record Workload(int[] UserIds, int[] MovieIds, RatingScale Scale, double PostShare, long Seed);

/// <summary>
/// Closed-loop load: <c>concurrency</c> workers, each sending its next request as soon as the previous one answered,
/// over one shared HttpClient with enough connections for all of them. Requests in the warm-up are not counted.
/// </summary>
internal static class LoadGenerator
{
    public const string GetEndpoint = "GET /users/{id}/recommendations?count=3";
    public const string PostEndpoint = "POST /recommendations (5 ratings, count 3)";

    public static async Task<(EndpointSummary Get, EndpointSummary Post, TimeSpan Window)> RunAsync(Uri address, Workload workload, int concurrency, TimeSpan warmup, TimeSpan duration)
    {
        using var handler = new SocketsHttpHandler { MaxConnectionsPerServer = concurrency, PooledConnectionLifetime = Timeout.InfiniteTimeSpan, UseCookies = false };
        using var client = new HttpClient(handler) { BaseAddress = address, Timeout = TimeSpan.FromSeconds(30) };
        long start = Stopwatch.GetTimestamp();
        long measureFrom = start + (long)(warmup.TotalSeconds * Stopwatch.Frequency);
        long end = measureFrom + (long)(duration.TotalSeconds * Stopwatch.Frequency);
        var gets = new LatencyRecorder[concurrency];
        var posts = new LatencyRecorder[concurrency];
        var workers = Enumerable.Range(0, concurrency).Select(w =>
        {
            gets[w] = new LatencyRecorder();
            posts[w] = new LatencyRecorder();
            return Task.Run(() => Worker(client, workload, new SeededRandom(workload.Seed + w), measureFrom, end, gets[w], posts[w]));
        }).ToArray();
        await Task.WhenAll(workers);
        return (EndpointSummary.From(GetEndpoint, gets, duration), EndpointSummary.From(PostEndpoint, posts, duration), duration);
    }

    private static async Task Worker(HttpClient client, Workload workload, SeededRandom rng, long measureFrom, long end, LatencyRecorder gets, LatencyRecorder posts)
    {
        while (true)
        {
            long sent = Stopwatch.GetTimestamp();
            if (sent >= end) return;
            bool post = rng.NextDouble() < workload.PostShare;
            using var request = post ? PostRequest(workload, rng) : GetRequest(workload, rng);
            string? error = null;
            try
            {
                using var response = await client.SendAsync(request, HttpCompletionOption.ResponseContentRead);
                if (!response.IsSuccessStatusCode) error = ((int)response.StatusCode).ToString(CultureInfo.InvariantCulture);
            }
            catch (Exception e) when (e is HttpRequestException or TaskCanceledException or IOException)
            {
                error = e.GetType().Name;
            }
            long done = Stopwatch.GetTimestamp();
            if (sent < measureFrom || done > end) continue;   // warm-up, or past the window
            var recorder = post ? posts : gets;
            if (error is null) recorder.Success(done - sent);
            else recorder.Error(error);
        }
    }

    private static HttpRequestMessage GetRequest(Workload w, SeededRandom rng) =>
        new(HttpMethod.Get, $"users/{w.UserIds[rng.NextInt(w.UserIds.Length)]}/recommendations?count=3");

    private static readonly MediaTypeHeaderValue Json = new("application/json");

    private static HttpRequestMessage PostRequest(Workload w, SeededRandom rng)
    {
        var movies = new HashSet<int>();
        while (movies.Count < Math.Min(5, w.MovieIds.Length)) movies.Add(w.MovieIds[rng.NextInt(w.MovieIds.Length)]);
        int steps = (int)Math.Round(w.Scale.Range / w.Scale.Step);
        var body = new StringBuilder("{\"ratings\":[");
        foreach (int m in movies)
        {
            float rating = w.Scale.Min + rng.NextInt(steps + 1) * w.Scale.Step;
            body.Append(CultureInfo.InvariantCulture, $"{{\"movieId\":{m},\"rating\":{rating}}},");
        }
        body.Length--;
        body.Append("],\"count\":3}");
        var content = new StringContent(body.ToString(), Encoding.UTF8);
        content.Headers.ContentType = Json;
        return new HttpRequestMessage(HttpMethod.Post, "recommendations") { Content = content };
    }
}
