using System.Text.Json;
using Dapper;
using Gatewayz.RealtimeMetrics;
using Gatewayz.Tests.Aggregation;
using Npgsql;
using StackExchange.Redis;

namespace Gatewayz.Tests.Monitoring;

/// <summary>Known real-time data in Redis and known history in Postgres for the monitoring API to answer from.</summary>
public static class MonitoringData
{
    public const int BaselineHours = 8;
    public const decimal BaselineCost = 1m;
    public const decimal SpikeCost = 10m;

    public static readonly DateTimeOffset CurrentHour = RealtimeHours.Truncate(DateTimeOffset.UtcNow);

    public static async Task<SimulatedTraffic> SeedRealtimeAsync(IDatabase redis)
    {
        var traffic = new SimulatedTraffic();
        await traffic.WriteHourAsync(redis, CurrentHour, requestsPerSeries: 200, seed: 3);
        foreach (var i in Enumerable.Range(0, 3))
        {
            var error = new { model = "openai/gpt-4o", error = $"Rate limit exceeded {i}", timestamp = 1732716000.0 + i, latency_ms = 1500.0 };
            await redis.ListLeftPushAsync(RedisKeys.RecentErrors("openrouter"), JsonSerializer.Serialize(error));
        }
        return traffic;
    }

    /// <summary>Eight calm hours (cost 1, latency 400 ms, 2 % errors) and then one hour costing ten times as much.</summary>
    public static async Task SeedHistoryAsync(string connectionString)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        var hours = Enumerable.Range(1, BaselineHours + 1).Select(back => CurrentHour.AddHours(-back).UtcDateTime).ToArray();
        foreach (var hour in hours)
        {
            var cost = hour == CurrentHour.AddHours(-1).UtcDateTime ? SpikeCost : BaselineCost;
            await connection.ExecuteAsync("""
                insert into metrics_hourly_aggregates (hour, provider, model, requests, successes, failures, avg_latency_ms,
                    p50_latency_ms, p95_latency_ms, p99_latency_ms, tokens_in, tokens_out, cost, errors_by_type)
                values (@hour, 'openrouter', 'openai/gpt-4o', 100, 98, 2, 400, 380, 700, 900, 10000, 5000, @cost, '{"timeout": 2}')
                """, new { hour, cost });
        }
        await connection.ExecuteAsync("refresh materialized view provider_stats_24h");
    }
}
