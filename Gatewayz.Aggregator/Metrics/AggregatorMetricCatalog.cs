namespace Gatewayz.Aggregator.Metrics;

/// <summary>
/// The aggregator's own metrics, exported on its <c>/metrics</c>. They live beside the gateway's
/// catalog rather than in it because the aggregator is a separate process; <c>docs/metrics.md</c>
/// renders both.
/// </summary>
public static class AggregatorMetricCatalog
{
    public static readonly AggregatorMetricDefinition Runs = new(
        "gatewayz_aggregator_runs_total", "counter", "Aggregation passes started.", "passes");
    public static readonly AggregatorMetricDefinition Failures = new(
        "gatewayz_aggregator_failures_total", "counter", "Aggregation passes that failed (Redis or Postgres unreachable, SQL error); they are retried.", "passes");
    public static readonly AggregatorMetricDefinition RunDuration = new(
        "gatewayz_aggregator_run_duration_seconds", "histogram", "Duration of an aggregation pass, successful or not.", "seconds");
    public static readonly AggregatorMetricDefinition RowsWritten = new(
        "gatewayz_aggregator_rows_written_total", "counter", "Rows upserted into metrics_hourly_aggregates.", "rows");
    public static readonly AggregatorMetricDefinition HoursAggregated = new(
        "gatewayz_aggregator_hours_aggregated_total", "counter", "Hours committed to Postgres (the current, partial hour too when a pass includes it).", "hours");
    public static readonly AggregatorMetricDefinition LastSuccess = new(
        "gatewayz_aggregator_last_success_timestamp_seconds", "gauge", "Unix time of the last successful pass (alert when it is older than two intervals).", "seconds");

    public static IReadOnlyList<AggregatorMetricDefinition> All { get; } = [Runs, Failures, RunDuration, RowsWritten, HoursAggregated, LastSuccess];
}
