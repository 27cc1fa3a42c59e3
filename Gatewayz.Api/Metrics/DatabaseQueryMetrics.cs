using System.Collections.Frozen;
using Gatewayz.Api.Database;
using Prometheus;

namespace Gatewayz.Api.Metrics;

/// <summary><c>gatewayz_database_queries_total</c> and <c>gatewayz_database_query_duration_seconds</c>, one cached child set per operation of <see cref="DatabaseOperations"/>.</summary>
public sealed class DatabaseQueryMetrics
{
    private readonly FrozenDictionary<string, Series> _byOperation;
    private readonly Series _other;

    public DatabaseQueryMetrics(GatewayMetrics metrics)
    {
        _byOperation = DatabaseOperations.All.ToFrozenDictionary(operation => operation, operation => Series.Of(metrics, operation), StringComparer.Ordinal);
        _other = Series.Of(metrics, MetricLabels.Other);
    }

    public void Completed(string operation, TimeSpan duration, bool failed)
    {
        var series = _byOperation.GetValueOrDefault(operation, _other);
        series.Duration.Observe(duration.TotalSeconds);
        (failed ? series.Failed : series.Succeeded).Inc();
    }

    private sealed record Series(Histogram.Child Duration, Counter.Child Succeeded, Counter.Child Failed)
    {
        public static Series Of(GatewayMetrics metrics, string operation) => new(
            metrics.DatabaseQueryDuration.WithLabels(operation),
            metrics.DatabaseQueries.WithLabels(operation, "success"),
            metrics.DatabaseQueries.WithLabels(operation, "error"));
    }
}
