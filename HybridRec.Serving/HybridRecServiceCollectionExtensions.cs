using HybridRec.Serving.ColdStart;
using HybridRec.Serving.Health;
using HybridRec.Serving.Models;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace HybridRec.Serving;

/// <summary>Registers HybridRec serving in a host's services.</summary>
public static class HybridRecServiceCollectionExtensions
{
    /// <summary>
    /// Registers the model provider (<see cref="IHybridModelProvider"/>, a singleton that loads
    /// <see cref="HybridRecServingOptions.ModelPath"/> when the host starts and swaps in a replaced file while serving),
    /// the cold-start recommender (<see cref="IColdStartRecommender"/>; register your own first to replace it), problem
    /// details and the readiness health check. Options come from the configuration section
    /// <see cref="HybridRecServingOptions.SectionName"/>, then <paramref name="configure"/>; invalid options fail the
    /// host's start with the list of problems. Then map the endpoints with
    /// <see cref="HybridRecEndpointRouteBuilderExtensions.MapHybridRec"/>. Calling it twice registers once.
    /// </summary>
    public static IServiceCollection AddHybridRec(this IServiceCollection services, Action<HybridRecServingOptions>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(services);
        var options = services.AddOptions<HybridRecServingOptions>().BindConfiguration(HybridRecServingOptions.SectionName);
        if (configure is not null) options.Configure(configure);
        if (services.Any(s => s.ServiceType == typeof(Marker))) return services;

        services.AddSingleton<Marker>();
        options.ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<HybridRecServingOptions>, OptionsValidator>());
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<IHybridModelProvider, HybridModelProvider>();
        services.TryAddSingleton<IColdStartRecommender, FoldInColdStartRecommender>();
        services.AddHostedService<ModelReloadService>();
        services.AddProblemDetails();
        services.AddHealthChecks().AddCheck<ModelLoadedHealthCheck>("hybridrec-model", tags: [ModelLoadedHealthCheck.ReadyTag]);
        return services;
    }

    /// <summary>Marks that AddHybridRec ran.</summary>
    private sealed class Marker;

    /// <summary>Reports every invalid setting at once, by name.</summary>
    private sealed class OptionsValidator : IValidateOptions<HybridRecServingOptions>
    {
        public ValidateOptionsResult Validate(string? name, HybridRecServingOptions options)
        {
            var problems = options.Problems();
            return problems.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(problems);
        }
    }
}
