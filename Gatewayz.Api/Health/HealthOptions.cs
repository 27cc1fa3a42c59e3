namespace Gatewayz.Api.Health;

/// <summary>The <c>Gatewayz:Health</c> section: probes, the passive window and the latency score (docs/resilience.md).</summary>
public sealed class HealthOptions
{
    public const string SectionName = "Gatewayz:Health";

    /// <summary>How often each provider is probed (its models list), scores are published and shared breaker state is read.</summary>
    public double ProbeIntervalSeconds { get; set; } = 30;

    /// <summary>How often each route's model is checked against the provider's models list.</summary>
    public double ModelCheckIntervalSeconds { get; set; } = 300;

    /// <summary>The sliding window of real traffic that error rate and latency are computed over.</summary>
    public double WindowSeconds { get; set; } = 300;

    /// <summary>Response latency at or below which the latency score is 1.</summary>
    public double TargetLatencySeconds { get; set; } = 2;

    /// <summary>Response latency at or above which the latency score is 0 (linear in between).</summary>
    public double MaxLatencySeconds { get; set; } = 10;
}
