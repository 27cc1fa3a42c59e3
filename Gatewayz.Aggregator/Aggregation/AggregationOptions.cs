namespace Gatewayz.Aggregator.Aggregation;

public sealed class AggregationOptions
{
    /// <summary>How often a pass runs (<c>METRICS_AGGREGATION_INTERVAL_MINUTES</c>).</summary>
    public int IntervalMinutes { get; set; } = 60;

    /// <summary>How long real-time data stays in Redis after its hour is aggregated (<c>METRICS_REDIS_RETENTION_HOURS</c>).</summary>
    public int RedisRetentionHours { get; set; } = 2;

    /// <summary>The first wait after a failed pass; it doubles up to the interval (<c>METRICS_AGGREGATION_RETRY_SECONDS</c>).</summary>
    public int RetrySeconds { get; set; } = 5;
}
