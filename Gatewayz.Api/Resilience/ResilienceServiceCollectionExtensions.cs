using Gatewayz.Api.Health;
using Gatewayz.Api.Metrics;
using Microsoft.Extensions.Options;

namespace Gatewayz.Api.Resilience;

public static class ResilienceServiceCollectionExtensions
{
    /// <summary>Per-route pipelines, failover, provider health (probes, scores) and their sharing through Redis.</summary>
    public static IHostApplicationBuilder AddResilience(this IHostApplicationBuilder builder)
    {
        builder.Services.AddOptions<ResilienceOptions>()
            .Bind(builder.Configuration.GetSection(ResilienceOptions.SectionName))
            .ValidateOnStart();
        builder.Services.AddSingleton<IValidateOptions<ResilienceOptions>, ResilienceOptionsValidator>();
        builder.Services.AddOptions<HealthOptions>()
            .Bind(builder.Configuration.GetSection(HealthOptions.SectionName))
            .ValidateOnStart();
        builder.Services.AddSingleton<IValidateOptions<HealthOptions>, HealthOptionsValidator>();

        builder.Services.AddSingleton<SharedBreakerStore>();
        builder.Services.AddSingleton(services =>
        {
            var registry = ActivatorUtilities.CreateInstance<RouteRegistry>(services);
            var store = services.GetRequiredService<SharedBreakerStore>();
            foreach (var route in registry.All)
                route.BreakerChanged += store.Publish;
            return registry;
        });
        builder.Services.AddSingleton<RouteExecutor>();

        builder.Services.AddSingleton<ProbeResults>();
        builder.Services.AddSingleton<HealthCalculator>();
        builder.Services.AddSingleton<HealthState>();
        builder.Services.AddSingleton<HealthStore>();
        builder.Services.AddSingleton<IProviderHealthView, ProviderHealthView>();
        builder.Services.AddSingleton<ProviderHealthMonitor>();
        builder.Services.AddHostedService(services => services.GetRequiredService<ProviderHealthMonitor>());
        return builder;
    }
}
