extern alias aggregator;
using System.Net;
using aggregator::Gatewayz.Aggregator.Metrics;
using Gatewayz.RealtimeMetrics;
using Gatewayz.Tests.Infrastructure;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace Gatewayz.Tests.Aggregation;

/// <summary>The aggregator as a service: its first pass runs at start, and it exposes /metrics and /health.</summary>
public sealed class AggregatorHostTests(StorageFixture storage) : IClassFixture<StorageFixture>
{
    [Fact]
    public async Task The_running_aggregator_aggregates_at_start_and_exposes_its_metrics_and_health()
    {
        var (postgres, redis) = (await storage.NewDatabaseAsync(), await storage.FreshRedisAsync());
        await new SimulatedTraffic().WriteHourAsync(redis, RealtimeHours.Truncate(DateTimeOffset.UtcNow).AddHours(-3), 20, seed: 4);
        await using var factory = new WebApplicationFactory<aggregator::Program>().WithWebHostBuilder(builder =>
        {
            builder.UseSetting("ConnectionStrings:gatewayz", postgres);
            builder.UseSetting("ConnectionStrings:redis", storage.Redis.ConnectionString);
            builder.UseSetting("METRICS_REDIS_RETENTION_HOURS", "1");
        });
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
}
