using System.Net;
using System.Text.Json;
using HybridRec.Serving.Tests.TestData;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace HybridRec.Serving.Tests;

/// <summary>Health checks, the OpenAPI document and the options' validation.</summary>
public sealed class HostTests(TestModels models)
{
    [Fact]
    public async Task HealthChecksReportLivenessAndTheLoadedModel()
    {
        using var factory = new ApiFactory(models.PathA);
        var client = factory.CreateClient();
        var live = await client.GetAsync("/health/live");
        var ready = await client.GetAsync("/health/ready");
        Assert.Equal(HttpStatusCode.OK, live.StatusCode);
        Assert.Equal(HttpStatusCode.OK, ready.StatusCode);
        Assert.Equal("Healthy", await ready.Content.ReadAsStringAsync());

        using var broken = new ApiFactory(models.Broken);
        var brokenClient = broken.CreateClient();
        Assert.Equal(HttpStatusCode.OK, (await brokenClient.GetAsync("/health/live")).StatusCode);
        Assert.Equal(HttpStatusCode.ServiceUnavailable, (await brokenClient.GetAsync("/health/ready")).StatusCode);
        var problem = await Http.Problem(await brokenClient.GetAsync("/users/1/recommendations"), HttpStatusCode.ServiceUnavailable);
        Assert.StartsWith("No model is loaded yet (the last attempt failed: ", problem.GetProperty("detail").GetString());
    }

    [Fact]
    public async Task TheOpenApiDocumentDescribesEveryEndpoint()
    {
        using var factory = new ApiFactory(models.PathA, environment: "Production");
        var response = await factory.CreateClient().GetAsync("/openapi/v1.json");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var doc = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
        var paths = doc.GetProperty("paths");
        var expected = new (string Path, string Method, string OperationId, string[] Statuses)[]
        {
            ("/users/{userId}/recommendations", "get", "GetUserRecommendations", ["200", "400", "404", "503"]),
            ("/movies/{movieId}/similar", "get", "GetSimilarMovies", ["200", "400", "404", "503"]),
            ("/movies/{movieId}", "get", "GetMovie", ["200", "404", "503"]),
            ("/recommendations", "post", "PostColdStartRecommendations", ["200", "400", "413", "415", "503"]),
            ("/model", "get", "GetModel", ["200", "503"]),
        };
        foreach (var e in expected)
        {
            var operation = paths.GetProperty(e.Path).GetProperty(e.Method);
            Assert.Equal(e.OperationId, operation.GetProperty("operationId").GetString());
            Assert.False(string.IsNullOrEmpty(operation.GetProperty("summary").GetString()));
            var responses = operation.GetProperty("responses");
            Assert.Equal(e.Statuses, responses.EnumerateObject().Select(r => r.Name).Order());
            foreach (var status in e.Statuses.Where(s => s != "200"))
                Assert.True(responses.GetProperty(status).GetProperty("content").TryGetProperty("application/problem+json", out _), $"{e.Path} {status}");
        }
        Assert.True(paths.GetProperty("/recommendations").GetProperty("post").GetProperty("requestBody").GetProperty("content").TryGetProperty("application/json", out _));
        Assert.False(paths.TryGetProperty("/health/ready", out _));
    }

    [Fact]
    public async Task TheInteractivePageIsServedInDevelopmentOnly()
    {
        using var development = new ApiFactory(models.PathA);
        using var production = new ApiFactory(models.PathA, environment: "Production");
        Assert.Equal(HttpStatusCode.OK, (await development.CreateClient().GetAsync("/scalar/v1")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await production.CreateClient().GetAsync("/scalar/v1")).StatusCode);
    }

    [Fact]
    public async Task WithoutModelTheHostServesTheCachedDefaultModel()
    {
        // What a second start finds: the default model already in the cache folder, under the configuration's name.
        string cache = Directory.CreateTempSubdirectory("hybridrec-serving-cache-").FullName;
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?> { ["cache-dir"] = cache }).Build();
        Assert.True(HybridRec.Api.DefaultModel.IsUsed(configuration));
        string cached = HybridRec.Api.DefaultModel.CachedPath(configuration);
        Assert.Equal(cache, Path.GetDirectoryName(cached));
        Assert.Matches(@"^ml-latest-small-default-[0-9a-f]{12}\.hrec$", Path.GetFileName(cached));
        File.Copy(models.PathB, cached);

        using var factory = new ApiFactory(modelPath: null, cacheDirectory: cache);
        var client = factory.CreateClient();
        Assert.Equal(Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(File.ReadAllBytes(models.PathB)))[..12], await Http.Version(client));
        Assert.Equal(cached, factory.Provider.Current!.Path);
        Assert.Equal([cached], Directory.GetFiles(cache));   // nothing trained, nothing else written
    }

    [Fact]
    public void AModelPathTurnsTheDefaultModelOff()
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?> { ["model"] = "m.hrec" }).Build();
        Assert.False(HybridRec.Api.DefaultModel.IsUsed(configuration));
        Assert.Equal("m.hrec", HybridRec.Api.DefaultModel.ModelPath(configuration));
        var section = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?> { ["HybridRec:ModelPath"] = "n.hrec" }).Build();
        Assert.False(HybridRec.Api.DefaultModel.IsUsed(section));
        Assert.Equal("n.hrec", HybridRec.Api.DefaultModel.ModelPath(section));
    }

    [Fact]
    public void InvalidOptionsAreReportedTogetherByName()
    {
        var services = new ServiceCollection().AddLogging();
        services.AddSingleton<Microsoft.Extensions.Configuration.IConfiguration>(new Microsoft.Extensions.Configuration.ConfigurationBuilder().Build());
        services.AddHybridRec(o => { o.MaxCount = 0; o.ReloadCheckInterval = TimeSpan.Zero; });
        var e = Assert.Throws<OptionsValidationException>(() => services.BuildServiceProvider().GetRequiredService<IOptions<HybridRecServingOptions>>().Value);
        Assert.Contains("HybridRec:ModelPath is required", e.Message);
        Assert.Contains("MaxCount must be in 1..10000 (got 0)", e.Message);
        Assert.Contains("ReloadCheckInterval must be positive", e.Message);
    }

    [Fact]
    public void OptionsBindFromConfiguration()
    {
        var configuration = new Microsoft.Extensions.Configuration.ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["HybridRec:ModelPath"] = "m.hrec",
            ["HybridRec:MaxCount"] = "50",
            ["HybridRec:ParallelScoring"] = "true",
        }).Build();
        var services = new ServiceCollection().AddLogging().AddSingleton<Microsoft.Extensions.Configuration.IConfiguration>(configuration);
        services.AddHybridRec(o => o.DefaultCount = 5).AddHybridRec();
        var options = services.BuildServiceProvider().GetRequiredService<IOptions<HybridRecServingOptions>>().Value;
        Assert.Equal(("m.hrec", 50, true, 5), (options.ModelPath, options.MaxCount, options.ParallelScoring, options.DefaultCount));
        Assert.Single(services, s => s.ImplementationType?.Name == "ModelReloadService");
    }
}
