using Gatewayz.Api.Metrics.Structured;
using Gatewayz.RealtimeMetrics;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using Prometheus;

namespace Gatewayz.Api.Metrics;

public static class MetricsEndpoints
{
    /// <summary>The path Prometheus scrapes.</summary>
    public const string ScrapePath = "/metrics";

    /// <summary>
    /// The collectors, the real-time store and everything that feeds the catalog's gauges at scrape time; the
    /// <c>Gatewayz:Metrics</c> settings, and the management port among the addresses the server listens on when one is set.
    /// </summary>
    /// <exception cref="OptionsValidationException">The management port is one the API is configured to listen on.</exception>
    public static IHostApplicationBuilder AddGatewayMetrics(this IHostApplicationBuilder builder)
    {
        builder.Services.AddOptions<MetricsOptions>()
            .Bind(builder.Configuration.GetSection(MetricsOptions.SectionName))
            .Validate(options => options.ManagementPort is >= 0 and <= MetricsOptions.MaxPort,
                $"{MetricsOptions.SectionName}:{nameof(MetricsOptions.ManagementPort)} must be a port from 1 to {MetricsOptions.MaxPort}, or 0 (unset) to serve the metrics on the API's port.")
            .ValidateOnStart();
        ManagementPortListener.Add(builder.Configuration);

        var services = builder.Services;
        services.AddSingleton<GatewayMetrics>();
        services.AddSingleton<CacheMetrics>();
        services.AddSingleton<AnomalyCounter>();
        services.AddSingleton<ModelUsageGauges>();
        services.AddSingleton<BusinessGauges>();
        services.AddSingleton<RealtimeQueueGauge>();
        services.TryAddSingleton<IBusinessMetricsSource, ApiKeyStoreBusinessMetricsSource>();
        services.AddSingleton<IRedisOperationObserver, RedisOperationMetrics>();
        services.AddSingleton<DatabaseQueryMetrics>();
        services.AddSingleton<RedisFailureCounter>();
        services.AddHostedService(provider => provider.GetRequiredService<RedisFailureCounter>());
        services.AddHostedService<ScrapeTimeGauges>();
        services.AddSingleton<CatalogExposition>();
        builder.AddRealtimeMetricsStore();
        return builder;
    }

    /// <summary>
    /// Keeps each port to its own paths when there is a management port (<see cref="ManagementPortMiddleware"/>),
    /// then records the HTTP part of the catalog (<see cref="HttpMetricsMiddleware"/>). Both after routing: a request
    /// its port does not serve is then counted as the unknown path it has become.
    /// </summary>
    public static WebApplication UseHttpMetrics(this WebApplication app)
    {
        if (app.Services.GetRequiredService<IOptions<MetricsOptions>>().Value.ManagementPort > 0)
            app.UseMiddleware<ManagementPortMiddleware>();
        app.UseMiddleware<HttpMetricsMiddleware>();
        return app;
    }

    /// <summary>
    /// <c>/metrics</c> in the Prometheus text format, or OpenMetrics (with exemplars) when asked for it, and the
    /// structured endpoints; only on the management port when there is one (<see cref="UseHttpMetrics"/>).
    /// </summary>
    public static IEndpointRouteBuilder MapGatewayMetrics(this IEndpointRouteBuilder app)
    {
        var registry = app.ServiceProvider.GetRequiredService<GatewayMetrics>().Registry;
        app.MapMetrics(ScrapePath, registry);
        app.MapStructuredMetrics();
        return app;
    }
}
