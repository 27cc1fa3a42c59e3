using Prometheus;
using C = Gatewayz.Aggregator.Metrics.AggregatorMetricCatalog;

namespace Gatewayz.Aggregator.Metrics;

/// <summary>The aggregator's collectors, in a registry of their own (several hosts may share a test process).</summary>
public sealed class AggregatorMetrics
{
    private static readonly double[] DurationBuckets = [0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60, 120, 300];

    public AggregatorMetrics()
    {
        Registry = Prometheus.Metrics.NewCustomRegistry();
        DotNetStats.Register(Registry);
        var factory = Prometheus.Metrics.WithCustomRegistry(Registry);
        Runs = factory.CreateCounter(C.Runs.Name, C.Runs.Help);
        Failures = factory.CreateCounter(C.Failures.Name, C.Failures.Help);
        RunDuration = factory.CreateHistogram(C.RunDuration.Name, C.RunDuration.Help, new HistogramConfiguration { Buckets = DurationBuckets });
        RowsWritten = factory.CreateCounter(C.RowsWritten.Name, C.RowsWritten.Help);
        HoursAggregated = factory.CreateCounter(C.HoursAggregated.Name, C.HoursAggregated.Help);
        LastSuccess = factory.CreateGauge(C.LastSuccess.Name, C.LastSuccess.Help);
    }

    public CollectorRegistry Registry { get; }
    public Counter Runs { get; }
    public Counter Failures { get; }
    public Histogram RunDuration { get; }
    public Counter RowsWritten { get; }
    public Counter HoursAggregated { get; }
    public Gauge LastSuccess { get; }
}
