using Gatewayz.Api.Analytics;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Npgsql;

namespace Gatewayz.Api.Monitoring;

public static class MonitoringServiceCollectionExtensions
{
    /// <summary>The monitoring API's services; call after <c>AddAccounts()</c> (which registers the database when configured) and <c>AddGatewayMetrics()</c> (the real-time store).</summary>
    public static IHostApplicationBuilder AddMonitoring(this IHostApplicationBuilder builder)
    {
        builder.Services.TryAddSingleton(TimeProvider.System);
        builder.Services.AddSingleton<RealtimeMonitor>();
        if (builder.Services.Any(service => service.ServiceType == typeof(NpgsqlDataSource)))
        {
            builder.Services.AddSingleton<MetricsHistory>();
            builder.Services.AddSingleton<AnomalyDetector>();
            builder.Services.AddSingleton<TrialFunnel>();
            builder.Services.AddSingleton<CallerUsage>();
        }
        return builder;
    }
}
