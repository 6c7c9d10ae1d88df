using HybridRec.Serving.Models;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace HybridRec.Serving.Health;

/// <summary>Healthy once a model is loaded (<c>/health/ready</c>); unhealthy, with the last load error, before.</summary>
internal sealed class ModelLoadedHealthCheck(IHybridModelProvider provider) : IHealthCheck
{
    /// <summary>The tag of the readiness checks <c>/health/ready</c> runs.</summary>
    public const string ReadyTag = "hybridrec-ready";

    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        var snapshot = provider.Current;
        return Task.FromResult(snapshot is null
            ? HealthCheckResult.Unhealthy(provider.LastAttempt?.Error is { } error ? $"no model loaded: {error}" : "no model loaded yet")
            : HealthCheckResult.Healthy($"model {snapshot.Version.Id} loaded at {snapshot.LoadedAt:O}"));
    }
}
