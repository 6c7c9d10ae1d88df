using System.Diagnostics;

namespace HybridRec.Bench.ServeBench;

/// <summary>One worker's measurements of one endpoint: latencies of successful requests (in Stopwatch ticks) and error counts. Not thread-safe: one per worker.</summary>
internal sealed class LatencyRecorder
{
    public List<long> Ticks { get; } = new(1 << 14);

    public int Errors { get; private set; }

    public Dictionary<string, int> ErrorKinds { get; } = [];

    public void Success(long ticks) => Ticks.Add(ticks);

    public void Error(string kind)
    {
        Errors++;
        ErrorKinds[kind] = ErrorKinds.GetValueOrDefault(kind) + 1;
    }
}

/// <summary>Requests/s and latency percentiles of one endpoint over the measured window.</summary>
/// <param name="Endpoint">What was requested, e.g. <c>GET /users/{id}/recommendations?count=3</c>.</param>
/// <param name="Requests">Successful requests.</param>
/// <param name="Errors">Failed requests (non-2xx or transport errors).</param>
/// <param name="RequestsPerSecond">Successful requests per second.</param>
/// <param name="P50Ms">Median latency, ms.</param>
/// <param name="P95Ms">95th percentile latency, ms.</param>
/// <param name="P99Ms">99th percentile latency, ms.</param>
/// <param name="MaxMs">Largest latency, ms.</param>
/// <param name="ErrorKinds">Errors by kind (status code or exception type).</param>
internal sealed record EndpointSummary(string Endpoint, long Requests, long Errors, double RequestsPerSecond, double P50Ms, double P95Ms, double P99Ms, double MaxMs,
    IReadOnlyDictionary<string, int> ErrorKinds)
{
    public static EndpointSummary From(string endpoint, IEnumerable<LatencyRecorder> recorders, TimeSpan window)
    {
        var all = recorders.SelectMany(r => r.Ticks).ToArray();
        Array.Sort(all);
        var kinds = recorders.SelectMany(r => r.ErrorKinds).GroupBy(k => k.Key).ToDictionary(g => g.Key, g => g.Sum(k => k.Value));
        return new EndpointSummary(endpoint, all.Length, kinds.Values.Sum(), all.Length / window.TotalSeconds,
            Percentile(all, 0.50), Percentile(all, 0.95), Percentile(all, 0.99), all.Length == 0 ? double.NaN : Ms(all[^1]), kinds);
    }

    /// <summary>The nearest-rank percentile of sorted ticks, in ms (NaN when empty).</summary>
    public static double Percentile(long[] sorted, double p) =>
        sorted.Length == 0 ? double.NaN : Ms(sorted[Math.Clamp((int)Math.Ceiling(p * sorted.Length) - 1, 0, sorted.Length - 1)]);

    private static double Ms(long ticks) => ticks * 1000.0 / Stopwatch.Frequency;
}
