using Dapper;
using Gatewayz.Api.Database;
using Gatewayz.RealtimeMetrics;
using static Gatewayz.Api.Analytics.AnalyticsResponses;

namespace Gatewayz.Api.Analytics;

/// <summary>
/// Reads the hourly history the aggregator wrote (<c>metrics_hourly_aggregates</c>, <c>provider_stats_24h</c>).
/// One query per answer; per-provider percentiles are request-weighted means of the models' percentiles.
/// </summary>
public sealed class MetricsHistory(MeteredDatabase database, TimeProvider time)
{
    private const string WeightedAverage = "coalesce(sum({0} * requests) / nullif(sum(requests), 0), 0)::float8";

    public async Task<IReadOnlyList<HourlyStat>> HourlyAsync(string provider, int hours, CancellationToken cancellationToken)
    {
        var sql = $"""
            select hour as Hour, sum(requests)::bigint as TotalRequests, sum(successes)::bigint as SuccessfulRequests,
                   sum(failures)::bigint as FailedRequests, {Weighted("avg_latency_ms")} as AvgLatencyMs,
                   {Weighted("p95_latency_ms")} as P95LatencyMs, sum(cost)::numeric as TotalCost,
                   sum(tokens_in)::bigint as TokensIn, sum(tokens_out)::bigint as TokensOut
            from metrics_hourly_aggregates
            where provider = @provider and hour >= @since
            group by hour order by hour
            """;
        return await QueryAsync<HourlyStat>(sql, new { provider, since = Since(hours) }, cancellationToken);
    }

    public async Task<IReadOnlyList<LatencyTrendPoint>> LatencyTrendsAsync(string provider, int hours, CancellationToken cancellationToken)
    {
        var sql = $"""
            select hour as Hour, sum(requests)::bigint as Requests, {Weighted("avg_latency_ms")} as AvgLatencyMs,
                   {Weighted("p50_latency_ms")} as P50LatencyMs, {Weighted("p95_latency_ms")} as P95LatencyMs,
                   {Weighted("p99_latency_ms")} as P99LatencyMs
            from metrics_hourly_aggregates
            where provider = @provider and hour >= @since
            group by hour order by hour
            """;
        return await QueryAsync<LatencyTrendPoint>(sql, new { provider, since = Since(hours) }, cancellationToken);
    }

    public async Task<IReadOnlyList<ProviderComparisonEntry>> ProviderComparisonAsync(CancellationToken cancellationToken)
    {
        const string sql = """
            select provider as Provider, total_requests as TotalRequests, successful_requests as SuccessfulRequests,
                   failed_requests as FailedRequests, avg_latency_ms::float8 as AvgLatencyMs, total_cost::numeric as TotalCost,
                   total_tokens as TotalTokens,
                   coalesce(failed_requests::float8 / nullif(total_requests, 0), 0) as AvgErrorRate,
                   unique_models as UniqueModels,
                   coalesce(successful_requests::float8 / nullif(total_requests, 0), 0) as SuccessRate
            from provider_stats_24h order by provider
            """;
        return await QueryAsync<ProviderComparisonEntry>(sql, null, cancellationToken);
    }

    public async Task<IReadOnlyList<ProviderCostRow>> CostByProviderAsync(int days, CancellationToken cancellationToken)
    {
        const string sql = """
            select provider as Provider, sum(cost)::numeric as TotalCost, sum(requests)::bigint as TotalRequests,
                   sum(tokens_in + tokens_out)::bigint as TotalTokens
            from metrics_hourly_aggregates where hour >= @since
            group by provider order by sum(cost) desc, provider
            """;
        return await QueryAsync<ProviderCostRow>(sql, new { since = Since(days * 24) }, cancellationToken);
    }

    public async Task<IReadOnlyList<ModelErrorRate>> ErrorRatesAsync(int hours, CancellationToken cancellationToken)
    {
        const string sql = """
            select provider as Provider, model as Model, sum(requests)::bigint as TotalRequests, sum(failures)::bigint as FailedRequests
            from metrics_hourly_aggregates where hour >= @since
            group by provider, model order by provider, model;
            select m.provider as Provider, m.model as Model, e.key as ErrorType, sum(e.value::bigint)::bigint as Count
            from metrics_hourly_aggregates m cross join lateral jsonb_each_text(m.errors_by_type) e
            where m.hour >= @since
            group by m.provider, m.model, e.key;
            """;
        var (totals, errors) = await database.RunAsync(DatabaseOperations.Analytics, async connection =>
        {
            await using var results = await connection.QueryMultipleAsync(new CommandDefinition(sql, new { since = Since(hours) }, cancellationToken: cancellationToken));
            var totals = (await results.ReadAsync<(string Provider, string Model, long TotalRequests, long FailedRequests)>()).ToList();
            var errors = (await results.ReadAsync<(string Provider, string Model, string ErrorType, long Count)>())
                .ToLookup(row => (row.Provider, row.Model));
            return (totals, errors);
        }, cancellationToken);
        return [.. totals.Select(row => new ModelErrorRate(row.Provider, row.Model, row.TotalRequests, row.FailedRequests,
            row.TotalRequests == 0 ? 0 : Math.Round((double)row.FailedRequests / row.TotalRequests, 6),
            errors[(row.Provider, row.Model)].ToDictionary(error => error.ErrorType, error => error.Count)))];
    }

    public async Task<TokenEfficiency> TokenEfficiencyAsync(string provider, string model, int days, CancellationToken cancellationToken)
    {
        const string sql = """
            select coalesce(sum(requests), 0)::bigint as Requests, coalesce(sum(tokens_in), 0)::bigint as TokensIn,
                   coalesce(sum(tokens_out), 0)::bigint as TokensOut, coalesce(sum(cost), 0)::numeric as Cost
            from metrics_hourly_aggregates where provider = @provider and model = @model and hour >= @since
            """;
        var row = await database.RunAsync(DatabaseOperations.Analytics, connection => connection.QuerySingleAsync<(long Requests, long TokensIn, long TokensOut, decimal Cost)>(
            new CommandDefinition(sql, new { provider, model, since = Since(days * 24) }, cancellationToken: cancellationToken)), cancellationToken);
        var tokens = row.TokensIn + row.TokensOut;
        return new TokenEfficiency(provider, model, days, row.Requests, row.TokensIn, row.TokensOut,
            Ratio(row.TokensIn, row.Requests), Ratio(row.TokensOut, row.Requests), Ratio(row.TokensOut, row.TokensIn),
            tokens == 0 ? 0 : Math.Round(row.Cost * 1000 / tokens, 8), row.Requests == 0 ? 0 : Math.Round(row.Cost / row.Requests, 8));
    }

    /// <summary>Per provider and hour: cost, request-weighted latency and failures, for anomaly detection.</summary>
    public async Task<IReadOnlyList<ProviderHourRow>> ProviderHoursAsync(int hours, CancellationToken cancellationToken)
    {
        var sql = $"""
            select provider as Provider, hour as Hour, sum(cost)::numeric as Cost, {Weighted("avg_latency_ms")} as AvgLatencyMs,
                   sum(requests)::bigint as Requests, sum(failures)::bigint as Failures
            from metrics_hourly_aggregates where hour >= @since
            group by provider, hour order by provider, hour
            """;
        return await QueryAsync<ProviderHourRow>(sql, new { since = Since(hours) }, cancellationToken);
    }

    private DateTime Since(int hours) => RealtimeHours.Truncate(time.GetUtcNow()).AddHours(-hours).UtcDateTime;

    private static string Weighted(string column) => string.Format(System.Globalization.CultureInfo.InvariantCulture, WeightedAverage, column);

    private static double Ratio(long part, long whole) => whole == 0 ? 0 : Math.Round((double)part / whole, 4);

    private async Task<IReadOnlyList<T>> QueryAsync<T>(string sql, object? parameters, CancellationToken cancellationToken) =>
        [.. await database.RunAsync(DatabaseOperations.Analytics,
            connection => connection.QueryAsync<T>(new CommandDefinition(sql, parameters, cancellationToken: cancellationToken)), cancellationToken)];
}
