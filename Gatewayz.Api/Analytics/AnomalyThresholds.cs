using Gatewayz.Api.Metrics;

namespace Gatewayz.Api.Analytics;

/// <summary>
/// When an hour counts as anomalous against its provider's baseline (the mean of the other hours of
/// the past week): a ratio above <see cref="Warning"/> is a warning, above <see cref="Critical"/> critical.
/// </summary>
public sealed record AnomalyThresholds(string Type, double Warning, double Critical, double MinimumValue)
{
    public static readonly AnomalyThresholds CostSpike = new(AnomalyCounter.CostSpike, 2, 4, 0.01);
    public static readonly AnomalyThresholds LatencySpike = new(AnomalyCounter.LatencySpike, 2, 3, 50);

    /// <summary>An error rate needs to be at least 5 % before it can surge: 0.1 % → 0.3 % is noise.</summary>
    public static readonly AnomalyThresholds ErrorSurge = new(AnomalyCounter.ErrorSurge, 2, 4, 0.05);

    public string? SeverityOf(double value, double expected)
    {
        if (value < MinimumValue || value <= expected) return null;
        var ratio = expected <= 0 ? double.PositiveInfinity : value / expected;
        return ratio >= Critical ? "critical" : ratio >= Warning ? "warning" : null;
    }
}
