using Dapper;
using Npgsql;

namespace Gatewayz.Aggregator.Aggregation;

/// <summary>
/// Writes an hour into <c>metrics_hourly_aggregates</c> in one transaction, guarded by a
/// per-hour advisory lock so that two aggregator replicas never write the same hour at once.
/// </summary>
public sealed class HourlyAggregateStore(NpgsqlDataSource dataSource)
{
    /// <summary>The advisory lock namespace of hourly aggregation ("gwzA").</summary>
    private const int HourLockClass = 0x67777A41;

    // One statement for the whole hour (no per-row round trips). The Redis totals of a completed hour
    // are complete, so a re-run overwrites the row with the same values instead of adding to it; the
    // current hour's partial totals are likewise replaced by the fuller ones of a later pass.
    private const string UpsertSql = """
        insert into metrics_hourly_aggregates
            (hour, provider, model, requests, successes, failures, avg_latency_ms, p50_latency_ms, p95_latency_ms,
             p99_latency_ms, tokens_in, tokens_out, cost, errors_by_type, aggregated_at)
        select @hour, r.provider, r.model, r.requests, r.successes, r.failures, r.avg_ms, r.p50_ms, r.p95_ms,
               r.p99_ms, r.tokens_in, r.tokens_out, r.cost, r.errors::jsonb, now()
        from unnest(@providers, @models, @requests, @successes, @failures, @avgs, @p50s, @p95s, @p99s,
                    @tokensIn, @tokensOut, @costs, @errors)
             as r(provider, model, requests, successes, failures, avg_ms, p50_ms, p95_ms, p99_ms, tokens_in, tokens_out, cost, errors)
        on conflict (hour, provider, model) do update set
            requests = excluded.requests, successes = excluded.successes, failures = excluded.failures,
            avg_latency_ms = excluded.avg_latency_ms, p50_latency_ms = excluded.p50_latency_ms,
            p95_latency_ms = excluded.p95_latency_ms, p99_latency_ms = excluded.p99_latency_ms,
            tokens_in = excluded.tokens_in, tokens_out = excluded.tokens_out, cost = excluded.cost,
            errors_by_type = excluded.errors_by_type, aggregated_at = excluded.aggregated_at
        """;

    /// <summary>Upserts the hour's rows and commits; false when another replica holds the hour right now.</summary>
    public async Task<bool> WriteHourAsync(DateTimeOffset hour, IReadOnlyList<HourlyAggregateRow> rows, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        var locked = await connection.ExecuteScalarAsync<bool>(new CommandDefinition(
            "select pg_try_advisory_xact_lock(@lockClass, @hourKey)",
            new { lockClass = HourLockClass, hourKey = HourKey(hour) }, transaction, cancellationToken: cancellationToken));
        if (!locked) return false;

        if (rows.Count > 0)
            await connection.ExecuteAsync(new CommandDefinition(UpsertSql, Parameters(hour, rows), transaction, cancellationToken: cancellationToken));
        await transaction.CommitAsync(cancellationToken);
        return true;
    }

    public async Task RefreshProviderStatsAsync(CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await connection.ExecuteAsync(new CommandDefinition(
            "refresh materialized view concurrently provider_stats_24h", commandTimeout: 300, cancellationToken: cancellationToken));
    }

    private static int HourKey(DateTimeOffset hour) => (int)(hour.ToUnixTimeSeconds() / 3600);

    private static object Parameters(DateTimeOffset hour, IReadOnlyList<HourlyAggregateRow> rows) => new
    {
        hour = hour.UtcDateTime,
        providers = rows.Select(row => row.Provider).ToArray(),
        models = rows.Select(row => row.Model).ToArray(),
        requests = rows.Select(row => row.Requests).ToArray(),
        successes = rows.Select(row => row.Successes).ToArray(),
        failures = rows.Select(row => row.Failures).ToArray(),
        avgs = rows.Select(row => row.AvgLatencyMs).ToArray(),
        p50s = rows.Select(row => row.P50LatencyMs).ToArray(),
        p95s = rows.Select(row => row.P95LatencyMs).ToArray(),
        p99s = rows.Select(row => row.P99LatencyMs).ToArray(),
        tokensIn = rows.Select(row => row.TokensIn).ToArray(),
        tokensOut = rows.Select(row => row.TokensOut).ToArray(),
        costs = rows.Select(row => row.Cost).ToArray(),
        errors = rows.Select(row => row.ErrorsByTypeJson).ToArray(),
    };
}
