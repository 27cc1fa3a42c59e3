using Gatewayz.Api.Metrics.Structured;
using Gatewayz.RealtimeMetrics;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Prometheus;

namespace Gatewayz.Api.Metrics;

public static class MetricsEndpoints
{
    /// <summary>The collectors, the real-time store and everything that feeds the catalog's gauges at scrape time.</summary>
    public static IHostApplicationBuilder AddGatewayMetrics(this IHostApplicationBuilder builder)
    {
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

    public static WebApplication UseHttpMetrics(this WebApplication app)
    {
        app.UseMiddleware<HttpMetricsMiddleware>();
        return app;
    }

    /// <summary><c>/metrics</c> in the Prometheus text format, or OpenMetrics (with exemplars) when asked for it, and the structured endpoints.</summary>
    public static IEndpointRouteBuilder MapGatewayMetrics(this IEndpointRouteBuilder app)
    {
        var registry = app.ServiceProvider.GetRequiredService<GatewayMetrics>().Registry;
        app.MapMetrics("/metrics", registry);
        app.MapStructuredMetrics();
        return app;
    }
}
