namespace Gatewayz.Api.Health;

/// <summary>
/// A provider's health on a 0–100 scale: availability 40 %, (1 − error rate) 30 %, latency
/// score 30 %. The latency score is 1 up to the target latency and falls linearly to 0 at the maximum.
/// </summary>
public static class HealthScore
{
    public const double HealthyAtLeast = 80;
    public const double DegradedAtLeast = 50;

    public static double Compute(double availability, double errorRate, double latencyScore) =>
        Math.Round(100 * (0.4 * Clamp(availability) + 0.3 * (1 - Clamp(errorRate)) + 0.3 * Clamp(latencyScore)), 1);

    public static double LatencyScore(double? latencySeconds, double targetSeconds, double maxSeconds) => latencySeconds switch
    {
        null => 1,
        { } seconds when seconds <= targetSeconds => 1,
        { } seconds when seconds >= maxSeconds => 0,
        { } seconds => (maxSeconds - seconds) / (maxSeconds - targetSeconds),
    };

    public static HealthStatus StatusOf(double score) => score switch
    {
        >= HealthyAtLeast => HealthStatus.Healthy,
        >= DegradedAtLeast => HealthStatus.Degraded,
        _ => HealthStatus.Unhealthy,
    };

    private static double Clamp(double value) => Math.Clamp(value, 0, 1);
}
