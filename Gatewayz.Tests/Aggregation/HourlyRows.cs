using Dapper;
using Npgsql;

namespace Gatewayz.Tests.Aggregation;

/// <summary>Reads back what the aggregator wrote.</summary>
public static class HourlyRows
{
    public sealed record Row(DateTime Hour, string Provider, string Model, long Requests, long Successes, long Failures,
        double AvgLatencyMs, double P50LatencyMs, double P95LatencyMs, double P99LatencyMs, long TokensIn, long TokensOut, decimal Cost, string ErrorsByType);

    public static async Task<List<Row>> ReadAsync(string connectionString)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        return [.. await connection.QueryAsync<Row>("""
            select hour, provider, model, requests, successes, failures, avg_latency_ms as AvgLatencyMs, p50_latency_ms as P50LatencyMs,
                   p95_latency_ms as P95LatencyMs, p99_latency_ms as P99LatencyMs, tokens_in as TokensIn, tokens_out as TokensOut,
                   cost::numeric as Cost, errors_by_type::text as ErrorsByType
            from metrics_hourly_aggregates order by hour, provider, model
            """)];
    }
}
