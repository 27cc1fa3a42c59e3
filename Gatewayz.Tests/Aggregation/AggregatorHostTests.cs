extern alias aggregator;
using System.Net;
using aggregator::Gatewayz.Aggregator.Metrics;
using Gatewayz.RealtimeMetrics;
using Gatewayz.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace Gatewayz.Tests.Aggregation;

/// <summary>The aggregator as a service: its first pass runs at start (with the current hour when configured so), and it exposes /metrics and /health.</summary>
public sealed class AggregatorHostTests(StorageFixture storage) : IClassFixture<StorageFixture>
{
    [Fact]
    public async Task The_running_aggregator_aggregates_at_start_and_exposes_its_metrics_and_health()
    {
        var (postgres, redis) = (await storage.NewDatabaseAsync(), await storage.FreshRedisAsync());
        await new SimulatedTraffic().WriteHourAsync(redis, RealtimeHours.Truncate(DateTimeOffset.UtcNow).AddHours(-3), 20, seed: 4);
        await using var factory = AggregatorWebHost.Create(postgres, storage.Redis.ConnectionString, ("METRICS_REDIS_RETENTION_HOURS", "1"));
        using var client = factory.CreateClient();
        var metrics = factory.Services.GetRequiredService<AggregatorMetrics>();

        var deadline = DateTime.UtcNow.AddSeconds(20);
        while (metrics.HoursAggregated.Value < 1 && DateTime.UtcNow < deadline) await Task.Delay(100);

        var exposition = await client.GetStringAsync("/metrics");
        foreach (var metric in AggregatorMetricCatalog.All)
            exposition.ShouldContain(metric.Name);
        MetricsText.Sum(exposition, "gatewayz_aggregator_rows_written_total").ShouldBe(SimulatedTraffic.Series.Length);
        MetricsText.Sum(exposition, "gatewayz_aggregator_last_success_timestamp_seconds").ShouldBeGreaterThan(0);
        using var health = await client.GetAsync("/health");
        health.StatusCode.ShouldBe(HttpStatusCode.OK, await health.Content.ReadAsStringAsync());
        (await redis.SetLengthAsync(RedisKeys.Hours)).ShouldBe(0, "the hour was past the retention and committed");
    }

    [Fact]
    public async Task With_METRICS_AGGREGATION_INCLUDE_CURRENT_HOUR_scheduled_passes_and_runs_without_the_parameter_include_the_current_hour()
    {
        var (postgres, _, currentHour, traffic) = await CurrentHourScenario.StartAsync(storage, 30, seed: 8);
        await using var factory = AggregatorWebHost.Create(postgres, storage.Redis.ConnectionString,
            ("METRICS_AGGREGATION_INCLUDE_CURRENT_HOUR", "true"), ("METRICS_AGGREGATION_RETRY_SECONDS", "1"));
        using var client = await factory.ClientAsync();
        var metrics = factory.Services.GetRequiredService<AggregatorMetrics>();

        (await Eventually.TrueAsync(() => Task.FromResult(metrics.HoursAggregated.Value >= 1), TimeSpan.FromSeconds(20)))
            .ShouldBeTrue("the worker's pass at start aggregates the current hour");
        var rows = await HourlyRows.ReadAsync(postgres);
        rows.Count.ShouldBe(SimulatedTraffic.Series.Length);
        foreach (var row in rows)
        {
            row.Hour.ShouldBe(currentHour.UtcDateTime);
            HourlyAggregationTests.ShouldMatch(row, traffic.Expected[(row.Provider, row.Model)]);
        }

        var answer = await RunAnswer.PostAsync(client);
        answer.Status.ShouldBe(HttpStatusCode.OK, answer.Body.ToString());
        answer.Body.GetProperty("included_current_hour").GetBoolean().ShouldBeTrue("the setting is the endpoint's default too");
        answer.Hours("aggregated_hours").ShouldBe([RunAnswer.Iso(currentHour)]);
    }
}
