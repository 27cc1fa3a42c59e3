namespace Gatewayz.Api.Health;

/// <summary>Status derived from a 0–100 health score (thresholds in docs/resilience.md).</summary>
public enum HealthStatus
{
    Healthy,
    Degraded,
    Unhealthy,
}
