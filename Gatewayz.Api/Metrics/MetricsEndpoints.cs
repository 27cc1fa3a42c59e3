using Prometheus;

namespace Gatewayz.Api.Metrics;

public static class MetricsEndpoints
{
    public static IHostApplicationBuilder AddGatewayMetrics(this IHostApplicationBuilder builder)
    {
        builder.Services.AddSingleton<GatewayMetrics>();
        return builder;
    }

    public static WebApplication UseHttpMetrics(this WebApplication app)
    {
        app.UseMiddleware<HttpMetricsMiddleware>();
        return app;
    }

    /// <summary><c>/metrics</c> in the Prometheus text format, or OpenMetrics (with exemplars) when asked for it.</summary>
    public static IEndpointRouteBuilder MapGatewayMetrics(this IEndpointRouteBuilder app)
    {
        var registry = app.ServiceProvider.GetRequiredService<GatewayMetrics>().Registry;
        app.MapMetrics("/metrics", registry);
        return app;
    }
}
