using System.Collections.Concurrent;
using System.Net;
using HybridRec.Serving.Contracts;
using HybridRec.Serving.Tests.TestData;

namespace HybridRec.Serving.Tests;

/// <summary>Replacing the model file while requests run: no failed request, the new model answers afterwards, a broken file keeps the old one.</summary>
public sealed class ReloadTests(TestModels models)
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(20);

    [Fact]
    public async Task AReplacedFileIsSwappedInWithoutAFailedRequest()
    {
        string path = models.CopyToNewFolder(models.PathA);
        using var factory = new ApiFactory(path);
        var client = factory.CreateClient();
        string versionA = await Http.Version(client), versionB = Sha(models.PathB);
        Assert.Equal(Sha(models.PathA), versionA);

        // Requests for users 1..40 run all the time the file is replaced: every one must succeed and equal the list of
        // the model whose version it carries.
        using var stop = new CancellationTokenSource();
        var failures = new ConcurrentQueue<string>();
        var seen = new ConcurrentDictionary<string, int>();
        var load = Enumerable.Range(0, 4).Select(worker => Task.Run(async () =>
        {
            for (int i = 0; !stop.IsCancellationRequested; i++)
            {
                int userId = 1 + (worker * 13 + i) % 40;
                var response = await client.GetAsync($"/users/{userId}/recommendations?count=5");
                string body = await response.Content.ReadAsStringAsync();
                if (response.StatusCode != HttpStatusCode.OK) { failures.Enqueue($"{(int)response.StatusCode}: {body}"); continue; }
                string version = response.Headers.GetValues("X-Model-Version").Single();
                seen.AddOrUpdate(version, 1, (_, n) => n + 1);
                var model = version == versionA ? models.A : version == versionB ? models.B : null;
                if (model is null) { failures.Enqueue($"unknown version {version}"); continue; }
                var recs = System.Text.Json.JsonSerializer.Deserialize<MovieRecommendation[]>(body, Http.Json)!;
                if (!recs.SequenceEqual(Http.Expected(model, userId, 5))) failures.Enqueue($"user {userId}: the list is not version {version}'s");
            }
        })).ToArray();

        await Task.Delay(300);
        TestModels.ReplaceAtomically(models.PathB, path);
        await WaitFor(async () => await Http.Version(client) == versionB);
        await Task.Delay(300);
        stop.Cancel();
        await Task.WhenAll(load);

        Assert.Empty(failures);
        Assert.True(seen.GetValueOrDefault(versionA) > 0 && seen.GetValueOrDefault(versionB) > 0, $"versions seen: {string.Join(", ", seen)}");
        for (int userId = 1; userId <= 40; userId += 7)
            Assert.Equal(Http.Expected(models.B, userId, 3), await Http.Ok<MovieRecommendation[]>(await client.GetAsync($"/users/{userId}/recommendations")));
    }

    [Fact]
    public async Task ABrokenFileKeepsTheOldModelUntilAGoodOneArrives()
    {
        string path = models.CopyToNewFolder(models.PathA);
        using var factory = new ApiFactory(path);
        var client = factory.CreateClient();
        string versionA = await Http.Version(client);

        // Not a model at all.
        TestModels.ReplaceAtomically(models.Broken, path);
        await WaitFor(() => Task.FromResult(factory.Provider.LastAttempt?.Error is not null));
        Assert.Equal(versionA, await Http.Version(client));
        Assert.Equal(Http.Expected(models.A, 9, 3), await Http.Ok<MovieRecommendation[]>(await client.GetAsync("/users/9/recommendations")));
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/health/ready")).StatusCode);

        // Half of a model, written in place (a copy in progress), then the rest: the complete file loads.
        var bytes = await File.ReadAllBytesAsync(models.PathB);
        var before = factory.Provider.LastAttempt;
        await using (var stream = new FileStream(path, FileMode.Create, FileAccess.Write, FileShare.ReadWrite))
        {
            await stream.WriteAsync(bytes.AsMemory(0, bytes.Length / 2));
            await stream.FlushAsync();
            await WaitFor(() => Task.FromResult(factory.Provider.LastAttempt != before && factory.Provider.LastAttempt?.Error is not null));
            Assert.Equal(versionA, await Http.Version(client));
            await stream.WriteAsync(bytes.AsMemory(bytes.Length / 2));
        }
        File.SetLastWriteTimeUtc(path, DateTime.UtcNow.AddSeconds(1));   // a clock tick the stamp cannot miss
        await WaitFor(async () => await Http.Version(client) == Sha(models.PathB));
        Assert.Equal(Http.Expected(models.B, 9, 3), await Http.Ok<MovieRecommendation[]>(await client.GetAsync("/users/9/recommendations")));
    }

    [Fact]
    public async Task AModelThatAppearsLaterIsLoadedAndMakesTheServerReady()
    {
        string folder = Directory.CreateTempSubdirectory("hybridrec-serving-late-").FullName;
        string path = Path.Combine(folder, "model.hrec");
        using var factory = new ApiFactory(path);
        var client = factory.CreateClient();
        Assert.Equal(HttpStatusCode.ServiceUnavailable, (await client.GetAsync("/health/ready")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/health/live")).StatusCode);

        TestModels.ReplaceAtomically(models.PathA, path);
        await WaitFor(async () => (await client.GetAsync("/health/ready")).StatusCode == HttpStatusCode.OK);
        Assert.Equal(Http.Expected(models.A, 1, 3), await Http.Ok<MovieRecommendation[]>(await client.GetAsync("/users/1/recommendations")));
    }

    [Fact]
    public async Task WithReloadOffTheFirstModelStays()
    {
        string path = models.CopyToNewFolder(models.PathA);
        using var factory = new ApiFactory(path, o => o.ReloadOnChange = false);
        var client = factory.CreateClient();
        string versionA = await Http.Version(client);
        TestModels.ReplaceAtomically(models.PathB, path);
        await Task.Delay(1000);   // five periodic checks and the watcher's debounce
        Assert.Equal(versionA, await Http.Version(client));
    }

    private static string Sha(string path) => Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(File.ReadAllBytes(path)))[..12];

    private static async Task WaitFor(Func<Task<bool>> condition)
    {
        var deadline = DateTime.UtcNow + Timeout;
        while (!await condition())
        {
            if (DateTime.UtcNow > deadline) throw new TimeoutException($"the condition did not hold within {Timeout.TotalSeconds} s.");
            await Task.Delay(50);
        }
    }
}
