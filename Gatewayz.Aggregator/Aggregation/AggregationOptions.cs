namespace Gatewayz.Aggregator.Aggregation;

/// <summary>The aggregator's settings, bound from its environment in <see cref="AggregationServiceCollectionExtensions.AddHourlyAggregation"/>.</summary>
public sealed class AggregationOptions
{
    /// <summary>How often a pass runs (<c>METRICS_AGGREGATION_INTERVAL_MINUTES</c>).</summary>
    public int IntervalMinutes { get; set; } = 60;

    /// <summary>How long real-time data stays in Redis after its hour is aggregated (<c>METRICS_REDIS_RETENTION_HOURS</c>).</summary>
    public int RedisRetentionHours { get; set; } = 2;

    /// <summary>The first wait after a failed pass; it doubles up to the interval (<c>METRICS_AGGREGATION_RETRY_SECONDS</c>).</summary>
    public int RetrySeconds { get; set; } = 5;

    /// <summary>
    /// Whether a scheduled pass (and <c>--once</c>) also upserts the current, still-open hour with its partial
    /// totals (<c>METRICS_AGGREGATION_INCLUDE_CURRENT_HOUR</c>); also the default of the on-demand endpoint.
    /// </summary>
    public bool IncludeCurrentHour { get; set; }
}
