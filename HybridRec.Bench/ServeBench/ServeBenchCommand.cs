using System.CommandLine;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using HybridRec.Bench.Cli;
using HybridRec.Model;
using HybridRec.Model.Serialization;

namespace HybridRec.Bench.ServeBench;

/// <summary>
/// Load test of the HybridRec endpoints: random known users' <c>GET /users/{id}/recommendations?count=3</c> and
/// random 5-rating cold-start <c>POST /recommendations</c>, from a closed loop of N workers, against a server at
/// <c>--url</c> or an in-process Kestrel server on a loopback port; requests/s, latency percentiles and errors per
/// endpoint as a table and JSON.
/// </summary>
internal static class ServeBenchCommand
{
    /// <summary>The <c>serve-bench</c> command.</summary>
    public static Command Create()
    {
        var modelOption = CliOption.ExistingPath("--model", "the .hrec model (known user and movie ids come from it; in-process, it is also what is served; required)", "PATH");
        modelOption.Required = true;
        var urlOption = CliOption.Text("--url", "a running server (e.g. HybridRec.Api at http://127.0.0.1:5080) serving the same model", "URL");
        var inProcessOption = CliOption.Flag("--in-process", "a Kestrel server on a free loopback port in this process (the default)");
        var concurrencyOption = CliOption.Int("--concurrency", "workers, each with one request in flight (default 32)", 1, 4096);
        var secondsOption = CliOption.Real("--seconds", "measured time (default 30)", 0.1, 3600, "S");
        var warmupOption = CliOption.Real("--warmup", "unmeasured time first (default 5)", 0, 3600, "S");
        var postShareOption = CliOption.Real("--post-share", "share of requests that are cold-start POSTs (default 0.1; 0: GETs only)", 0, 1, "F");
        var parallelOption = CliOption.Flag("--parallel-scoring", "in-process: score each request with a parallel loop (default: on the request's thread)");
        var noCacheOption = CliOption.Flag("--no-cache", "in-process: do not cache known users' lists");
        var seedOption = CliOption.Long("--seed", "seed of the request streams (default 42)", helpName: "S");
        var jsonOption = CliOption.Text("--json", "also write the results as JSON", "PATH");
        var command = new Command("serve-bench", "load-test the HybridRec HTTP endpoints (GET recommendations of known users, cold-start POSTs) in-process or at --url")
        {
            modelOption, urlOption, inProcessOption, concurrencyOption, secondsOption, warmupOption, postShareOption,
            parallelOption, noCacheOption, seedOption, jsonOption,
        };
        command.SetAction(r => RunAsync(new Settings(
            r.GetValue(modelOption)!, r.GetValue(urlOption), r.GetValue(inProcessOption),
            r.GetValue(concurrencyOption) ?? 32, TimeSpan.FromSeconds(r.GetValue(secondsOption) ?? 30), TimeSpan.FromSeconds(r.GetValue(warmupOption) ?? 5),
            r.GetValue(postShareOption) ?? 0.1, r.GetValue(parallelOption), !r.GetValue(noCacheOption), r.GetValue(seedOption) ?? 42,
            r.GetValue(jsonOption)), r.InvocationConfiguration.Output).GetAwaiter().GetResult());
        return command;
    }

    private sealed record Settings(string ModelPath, string? Url, bool InProcess, int Concurrency, TimeSpan Duration, TimeSpan Warmup,
                                   double PostShare, bool Parallel, bool Cache, long Seed, string? JsonPath);

    private static async Task<int> RunAsync(Settings settings, TextWriter output)
    {
        var (modelPath, url, inProcess, concurrency, duration, warmup, postShare, parallel, cache, seed, jsonPath) = settings;
        if (url is not null && (inProcess || parallel || !cache))
            throw new UsageException("--url measures a running server: --in-process, --parallel-scoring and --no-cache apply to the in-process server only.");
        if (url is not null && !(Uri.TryCreate(url, UriKind.Absolute, out var parsed) && parsed.Scheme is "http" or "https"))
            throw new UsageException($"--url: '{url}' is not an http(s) URL.");

        var model = HybridModel.Load(modelPath);
        string sha = Convert.ToHexStringLower(SHA256.HashData(File.ReadAllBytes(modelPath)));
        var workload = new Workload(model.Users.RawIds.ToArray(), model.Items.RawIds.ToArray(), model.Scale, postShare, seed);
        string loadBefore = LoadAverage();

        InProcessServer? server = null;
        try
        {
            Uri address;
            string mode;
            if (url is null)
            {
                server = await InProcessServer.StartAsync(o =>
                {
                    o.ModelPath = modelPath;
                    o.ParallelScoring = parallel;
                    o.RecommendationCacheUsers = cache ? o.RecommendationCacheUsers : 0;
                });
                address = server.Address;
                mode = $"in-process Kestrel at {address}; scoring {(parallel ? "in parallel per request" : "on the request's thread")}, cache {(cache ? "on" : "off")}";
            }
            else
            {
                address = new Uri(url.TrimEnd('/') + "/");
                mode = $"server at {address}";
                await CheckServedModel(address, sha, output);
            }
            output.WriteLine($"serve-bench: {mode}");
            output.WriteLine($"model {modelPath} ({sha[..12]}): {model.Users.Count:N0} users, {model.Items.Count:N0} movies, {model.Members.Count} member(s)");
            output.WriteLine($"load: {concurrency} workers, {warmup.TotalSeconds:0.#} s warm-up, {duration.TotalSeconds:0.#} s measured, {postShare:P0} POST; " +
                             $"{Environment.ProcessorCount} cores, load average before {loadBefore}");

            var (get, post, window) = await LoadGenerator.RunAsync(address, workload, concurrency, warmup, duration);
            string loadAfter = LoadAverage();
            output.WriteLine();
            output.Write(Table(get, post, window));
            output.WriteLine($"load average after {loadAfter}");

            if (jsonPath is not null)
            {
                var report = new
                {
                    command = "serve-bench", mode = url is null ? "in-process" : "url", url = address.ToString(), model = modelPath, modelSha256 = sha,
                    users = model.Users.Count, movies = model.Items.Count, members = model.Members.Count,
                    concurrency, warmupSeconds = warmup.TotalSeconds, seconds = duration.TotalSeconds, postShare, seed,
                    parallelScoring = url is null ? parallel : (bool?)null, cache = url is null ? cache : (bool?)null,
                    cores = Environment.ProcessorCount, loadAverageBefore = loadBefore, loadAverageAfter = loadAfter,
                    endpoints = new[] { get, post }.Where(e => e.Requests + e.Errors > 0).ToArray(),
                    totalRequestsPerSecond = (get.Requests + post.Requests) / window.TotalSeconds,
                };
                AtomicFile.WriteAllText(jsonPath, JsonSerializer.Serialize(report, new JsonSerializerOptions(JsonSerializerDefaults.Web)
                {
                    WriteIndented = true, NumberHandling = System.Text.Json.Serialization.JsonNumberHandling.AllowNamedFloatingPointLiterals,
                }) + Environment.NewLine);
                output.WriteLine($"wrote {jsonPath}");
            }
            return get.Errors + post.Errors == 0 ? 0 : ExitCodes.Failure;
        }
        finally
        {
            if (server is not null) await server.DisposeAsync();
        }
    }

    /// <summary>The results as a Markdown table.</summary>
    internal static string Table(EndpointSummary get, EndpointSummary post, TimeSpan window)
    {
        var sb = new StringBuilder();
        sb.AppendLine("| endpoint | requests | requests/s | p50 ms | p95 ms | p99 ms | max ms | errors |");
        sb.AppendLine("|---|---:|---:|---:|---:|---:|---:|---:|");
        foreach (var e in new[] { get, post }.Where(e => e.Requests + e.Errors > 0))
        {
            string errors = e.Errors == 0 ? "0" : $"{e.Errors} ({string.Join(", ", e.ErrorKinds.Select(k => $"{k.Key}: {k.Value}"))})";
            sb.AppendLine(CultureInfo.InvariantCulture, $"| {e.Endpoint} | {e.Requests:N0} | {e.RequestsPerSecond:N0} | {e.P50Ms:0.0} | {e.P95Ms:0.0} | {e.P99Ms:0.0} | {e.MaxMs:0.0} | {errors} |");
        }
        sb.AppendLine(CultureInfo.InvariantCulture, $"| all | {get.Requests + post.Requests:N0} | {(get.Requests + post.Requests) / window.TotalSeconds:N0} | | | | | {get.Errors + post.Errors} |");
        return sb.ToString();
    }

    /// <summary>Warns when the server at <paramref name="address"/> serves another model than the one the ids come from.</summary>
    private static async Task CheckServedModel(Uri address, string sha, TextWriter output)
    {
        using var client = new HttpClient { BaseAddress = address, Timeout = TimeSpan.FromSeconds(10) };
        try
        {
            using var response = await client.GetAsync("model");
            if (!response.IsSuccessStatusCode) throw new InvalidOperationException($"{address}model answered {(int)response.StatusCode}; is the server ready (GET /health/ready)?");
            var served = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.GetProperty("sha256").GetString();
            if (served != sha) output.WriteLine($"warning: the server serves model {served?[..12]}, not --model ({sha[..12]}): some ids may be unknown to it.");
        }
        catch (HttpRequestException e)
        {
            throw new InvalidOperationException($"cannot reach {address}: {e.Message}", e);
        }
    }

    /// <summary>The 1-, 5- and 15-minute load averages (Linux), to record how busy the machine was.</summary>
    private static string LoadAverage()
    {
        try
        {
            return File.Exists("/proc/loadavg") ? string.Join(" ", File.ReadAllText("/proc/loadavg").Split(' ').Take(3)) : "n/a";
        }
        catch (IOException)
        {
            return "n/a";
        }
    }
}
