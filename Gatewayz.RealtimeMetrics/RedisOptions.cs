namespace Gatewayz.RealtimeMetrics;

public sealed class RedisOptions
{
    /// <summary>The Aspire-style connection string (<c>ConnectionStrings:redis</c>); empty means in-memory mode.</summary>
    public string? ConnectionString { get; set; }

    /// <summary>How long real-time hours are kept after aggregation (<c>METRICS_REDIS_RETENTION_HOURS</c>, default 2).</summary>
    public int RetentionHours { get; set; } = 2;
}
