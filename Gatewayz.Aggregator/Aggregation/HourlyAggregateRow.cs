using System.Text.Json;
using Gatewayz.RealtimeMetrics;

namespace Gatewayz.Aggregator.Aggregation;

/// <summary>One <c>metrics_hourly_aggregates</c> row computed from a completed hour's real-time counters.</summary>
public sealed record HourlyAggregateRow(
    string Provider,
    string Model,
    long Requests,
    long Successes,
    long Failures,
    double AvgLatencyMs,
    double P50LatencyMs,
    double P95LatencyMs,
    double P99LatencyMs,
    long TokensIn,
    long TokensOut,
    decimal Cost,
    string ErrorsByTypeJson)
{
    public static HourlyAggregateRow From(HourlyCounters counters) => new(
        counters.Provider,
        counters.Model,
        counters.Requests,
        counters.Successes,
        counters.Failures,
        Round(counters.Latency.Mean()),
        Round(counters.Latency.Percentile(50)),
        Round(counters.Latency.Percentile(95)),
        Round(counters.Latency.Percentile(99)),
        counters.InputTokens,
        counters.OutputTokens,
        counters.Cost,
        JsonSerializer.Serialize(counters.ErrorsByType));

    private static double Round(double milliseconds) => Math.Round(milliseconds, 3);
}
