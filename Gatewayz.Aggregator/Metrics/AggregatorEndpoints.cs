using Gatewayz.Aggregator.Aggregation;
using Prometheus;

namespace Gatewayz.Aggregator.Metrics;

public static class AggregatorEndpoints
{
    public static IEndpointRouteBuilder MapAggregatorMetrics(this IEndpointRouteBuilder app)
    {
        app.MapMetrics("/metrics", app.ServiceProvider.GetRequiredService<AggregatorMetrics>().Registry);
        return app;
    }

    /// <summary><c>--once</c>: one pass, then exit 0 on success or 1 on failure (for cron or a Kubernetes CronJob).</summary>
    public static async Task<int> RunAggregationOnceAsync(this WebApplication app)
    {
        try
        {
            await app.Services.GetRequiredService<HourlyAggregationPass>().RunAsync(CancellationToken.None);
            return 0;
        }
        catch (Exception)
        {
            return 1;
        }
    }
}
