using HybridRec.Serving.Models;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace HybridRec.Serving.Tests.TestData;

/// <summary>
/// The HybridRec.Api host (its Program) in memory, serving <c>modelPath</c>: <c>--model</c> as on the command line (null: the
/// default model from <c>cacheDirectory</c>, which must then hold it, or the host would train it),
/// fast reload checks, every movie a candidate, a cache folder of its own (so the default model is never trained), and optional changes to
/// the options and services. Development environment unless given (the one with the exception page, the worst case
/// for leaking stack traces).
/// </summary>
public sealed class ApiFactory(string? modelPath, Action<HybridRecServingOptions>? options = null, Action<IServiceCollection>? services = null,
    string environment = "Development", string? cacheDirectory = null) : WebApplicationFactory<Program>
{
    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment(environment);
        builder.ConfigureLogging(l => l.SetMinimumLevel(LogLevel.Warning));
        if (modelPath is not null) builder.UseSetting("model", modelPath);
        builder.UseSetting("cache-dir", cacheDirectory ?? Path.Combine(Path.GetTempPath(), "hybridrec-serving-tests-no-cache"));
        builder.ConfigureTestServices(s =>
        {
            s.PostConfigure<HybridRecServingOptions>(o =>
            {
                o.ReloadCheckInterval = TimeSpan.FromMilliseconds(200);
                o.ReloadDebounce = TimeSpan.FromMilliseconds(50);
                o.CandidateMinTrainingRatings = 0;   // every movie of the tiny data (about 11 ratings each) is a candidate
                options?.Invoke(o);
            });
            services?.Invoke(s);
        });
    }

    /// <summary>The model provider of the running host.</summary>
    public IHybridModelProvider Provider => Services.GetRequiredService<IHybridModelProvider>();
}
