namespace Gatewayz.Api.Metrics;

public enum MetricKind
{
    Counter,
    Gauge,
    Histogram,
}
