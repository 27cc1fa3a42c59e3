namespace Gatewayz.Api.Resilience;

/// <summary>When a route's breaker opens and for how long it stays open.</summary>
public sealed class CircuitBreakerSettings
{
    /// <summary>Share of failed attempts within the sampling window that opens the breaker (0–1].</summary>
    public double FailureRatio { get; set; } = 0.5;

    /// <summary>Attempts the window must hold before the ratio counts, so one early failure cannot open it.</summary>
    public int MinimumThroughput { get; set; } = 5;

    public double SamplingDurationSeconds { get; set; } = 30;

    /// <summary>How long an open breaker rejects calls before it lets one trial call through (half-open).</summary>
    public double BreakDurationSeconds { get; set; } = 30;
}
