using Prometheus;

namespace Gatewayz.Api.Metrics;

/// <summary>
/// The seam for the analytics service: it calls <see cref="Detected"/> for each anomaly it finds.
/// Types are a fixed list; anything else is counted as <c>other</c>.
/// </summary>
public sealed class AnomalyCounter(GatewayMetrics metrics)
{
    public const string CostSpike = "cost_spike";
    public const string LatencySpike = "latency_spike";
    public const string ErrorSurge = "error_surge";

    public void Detected(string type) => metrics.AnomaliesDetected.WithLabels(type switch
    {
        CostSpike or LatencySpike or ErrorSurge => type,
        _ => MetricLabels.Other,
    }).Inc();
}
