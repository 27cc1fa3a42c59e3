namespace Gatewayz.Aggregator;

public static class AggregationServiceCollectionExtensions
{
    public static IHostApplicationBuilder AddHourlyAggregation(this IHostApplicationBuilder builder)
    {
        builder.Services.AddOptions<AggregationOptions>()
            .Configure(options =>
            {
                options.IntervalMinutes = builder.Configuration.GetValue("METRICS_AGGREGATION_INTERVAL_MINUTES", options.IntervalMinutes);
                options.RedisRetentionHours = builder.Configuration.GetValue("METRICS_REDIS_RETENTION_HOURS", options.RedisRetentionHours);
            })
            .Validate(options => options.IntervalMinutes >= 1, "METRICS_AGGREGATION_INTERVAL_MINUTES must be at least 1.")
            .Validate(options => options.RedisRetentionHours >= 1, "METRICS_REDIS_RETENTION_HOURS must be at least 1.")
            .ValidateOnStart();
        builder.Services.AddSingleton(TimeProvider.System);
        builder.Services.AddHostedService<HourlyAggregationWorker>();
        return builder;
    }
}
