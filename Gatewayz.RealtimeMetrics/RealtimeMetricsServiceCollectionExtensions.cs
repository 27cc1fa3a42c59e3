using Gatewayz.RealtimeMetrics.Store;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;

namespace Gatewayz.RealtimeMetrics;

public static class RealtimeMetricsServiceCollectionExtensions
{
    /// <summary>
    /// The real-time store: <see cref="IRealtimeMetricsWriter"/> and <see cref="IRealtimeMetricsReader"/> are the
    /// facade (Redis when connected, memory otherwise); <see cref="RedisRealtimeMetricsStore"/> is there for
    /// readers that must fail when Redis is unreachable. Call <c>AddRedisConnection()</c> too.
    /// </summary>
    public static IHostApplicationBuilder AddRealtimeMetricsStore(this IHostApplicationBuilder builder)
    {
        builder.Services.TryAddSingleton<IRedisOperationObserver, NoRedisOperationObserver>();
        builder.Services.AddSingleton<InMemoryRealtimeMetricsStore>();
        builder.Services.AddSingleton<RedisRealtimeMetricsStore>();
        builder.Services.AddSingleton<RealtimeMetricsStore>();
        builder.Services.AddSingleton<IRealtimeMetricsWriter>(services => services.GetRequiredService<RealtimeMetricsStore>());
        builder.Services.AddSingleton<IRealtimeMetricsReader>(services => services.GetRequiredService<RealtimeMetricsStore>());
        builder.Services.AddHostedService<RealtimeMetricsFlusher>();
        return builder;
    }
}
