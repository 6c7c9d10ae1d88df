using HybridRec.Serving;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace HybridRec.Bench.ServeBench;

/// <summary>
/// The HybridRec endpoints on a real Kestrel server on a free loopback port, in this process (so the benchmark
/// measures HTTP, sockets and JSON, not an in-memory test server). Logging is off except errors.
/// </summary>
internal sealed class InProcessServer : IAsyncDisposable
{
    private readonly WebApplication _app;

    private InProcessServer(WebApplication app, Uri address)
    {
        _app = app;
        Address = address;
    }

    /// <summary>The server's base address, e.g. http://127.0.0.1:41234/.</summary>
    public Uri Address { get; }

    public static async Task<InProcessServer> StartAsync(Action<HybridRecServingOptions> configure)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders().AddSimpleConsole().SetMinimumLevel(LogLevel.Error);
        builder.WebHost.UseKestrel(k => k.Listen(System.Net.IPAddress.Loopback, 0));
        builder.Services.AddHybridRec(configure);
        var app = builder.Build();
        app.UseExceptionHandler();
        app.UseStatusCodePages();
        app.MapHybridRec();
        await app.StartAsync();
        string address = app.Services.GetRequiredService<IServer>().Features.GetRequiredFeature<IServerAddressesFeature>().Addresses.Single();
        return new InProcessServer(app, new Uri(address.TrimEnd('/') + "/"));
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
