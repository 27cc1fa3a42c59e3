using Gatewayz.Aggregator.Metrics;
using Gatewayz.Aggregator.Realtime;
using Gatewayz.Data;
using Gatewayz.RealtimeMetrics;
using Gatewayz.RealtimeMetrics.Store;

namespace Gatewayz.Aggregator.Aggregation;

/// <summary>Registers the aggregator: its options, Postgres, Redis, the pass and the scheduled worker.</summary>
public static class AggregationServiceCollectionExtensions
{
    /// <summary>Binds the <c>METRICS_*</c> settings (validated at start) and registers the aggregation services.</summary>
    public static IHostApplicationBuilder AddHourlyAggregation(this IHostApplicationBuilder builder)
    {
        builder.Services.AddOptions<AggregationOptions>()
            .Configure(options =>
            {
                options.IntervalMinutes = builder.Configuration.GetValue("METRICS_AGGREGATION_INTERVAL_MINUTES", options.IntervalMinutes);
                options.RedisRetentionHours = builder.Configuration.GetValue("METRICS_REDIS_RETENTION_HOURS", options.RedisRetentionHours);
                options.RetrySeconds = builder.Configuration.GetValue("METRICS_AGGREGATION_RETRY_SECONDS", options.RetrySeconds);
                options.IncludeCurrentHour = builder.Configuration.GetValue("METRICS_AGGREGATION_INCLUDE_CURRENT_HOUR", options.IncludeCurrentHour);
            })
            .Validate(options => options.IntervalMinutes >= 1, "METRICS_AGGREGATION_INTERVAL_MINUTES must be at least 1.")
            .Validate(options => options.RedisRetentionHours >= 1, "METRICS_REDIS_RETENTION_HOURS must be at least 1.")
            .Validate(options => options.RetrySeconds >= 1, "METRICS_AGGREGATION_RETRY_SECONDS must be at least 1.")
            .ValidateOnStart();

        if (!builder.AddGatewayzDatabase())
            throw new InvalidOperationException($"ConnectionStrings:{GatewayzDatabase.ConnectionName} is required: the aggregator writes the hourly history to Postgres.");
        builder.AddRedisConnection();
        builder.Services.AddSingleton(TimeProvider.System);
        // The strict Redis reader: an unreachable Redis fails the pass instead of looking like an empty store.
        builder.Services.AddSingleton<RedisRealtimeMetricsStore>();
        builder.Services.AddSingleton<IRealtimeMetricsReader>(services => services.GetRequiredService<RedisRealtimeMetricsStore>());
        builder.Services.AddSingleton<AggregatorMetrics>();
        builder.Services.AddSingleton<HourlyAggregateStore>();
        builder.Services.AddSingleton<HourlyAggregationPass>();
        builder.Services.AddHostedService<HourlyAggregationWorker>();
        builder.Services.AddHealthChecks().AddCheck<RedisHealthCheck>("redis", tags: ["ready"]);
        return builder;
    }
}
