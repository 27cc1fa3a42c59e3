using System.Net;
using Gatewayz.RealtimeMetrics;
using Gatewayz.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using StackExchange.Redis;

namespace Gatewayz.Tests.RealTime;

public sealed class GatewayRealtimeTests
{
    private static readonly CancellationToken None = CancellationToken.None;

    [Fact]
    public async Task Every_upstream_attempt_becomes_a_request_outcome_in_redis_with_tokens_cost_and_error_type()
    {
        await using var redis = await RedisServer.StartAsync();
        // gemma-2-9b-it is served by groq first, then together: a failing groq shows as a failure and a success.
        using var host = await ChatRequests.StartWithRedisAsync(redis, new Dictionary<string, string?>
        {
            ["Gatewayz:Providers:groq:Simulation:ErrorRate"] = "1",
            // One attempt per route, so each route contributes exactly one outcome.
            ["Gatewayz:Resilience:Retry:MaxRetries"] = "0",
        });
        using var client = host.CreateHttpClient();
        (await client.PostChatAsync(model: "google/gemma-2-9b-it")).StatusCode.ShouldBe(HttpStatusCode.OK);

        var reader = host.Services.GetRequiredService<IRealtimeMetricsReader>();
        var hour = await Eventually.ReturnsAsync(() => reader.ReadHourAsync(DateTimeOffset.UtcNow, None), counters => counters.Count == 2);
        var groq = hour.Single(counters => counters.Provider == "groq");
        var together = hour.Single(counters => counters.Provider == "together");
        (groq.Model, groq.Failures, groq.Successes).ShouldBe(("google/gemma-2-9b-it", 1L, 0L));
        groq.ErrorsByType.Keys.ShouldHaveSingleItem();
        (together.Successes, together.Failures).ShouldBe((1L, 0L));
        together.InputTokens.ShouldBeGreaterThan(0);
        together.OutputTokens.ShouldBeGreaterThan(0);
        together.Cost.ShouldBeGreaterThan(0m);
        (await reader.ReadRecentErrorsAsync("groq", 10, None)).ShouldHaveSingleItem().Model.ShouldBe("google/gemma-2-9b-it");

        var direct = await RealtimeStoreHarness.OpenDirectAsync(redis);
        ((long)await direct.HashGetAsync(RedisKeys.HourCounters(RealtimeHours.Name(DateTimeOffset.UtcNow)), "together|google/gemma-2-9b-it|successes")).ShouldBe(1);

        var metrics = await host.ScrapeMetricsAsync();
        MetricsText.Sum(metrics, "gatewayz_redis_operation_duration_seconds_count", ("operation", RedisOperations.RealtimeFlush)).ShouldBeGreaterThan(0);
        MetricsText.Sum(metrics, "gatewayz_redis_operation_duration_seconds_count", ("operation", RedisOperations.RateLimit)).ShouldBe(1);
        MetricsText.Sum(metrics, "gatewayz_redis_operation_duration_seconds_count", ("operation", RedisOperations.RealtimeRead)).ShouldBeGreaterThan(0);
    }

    [Fact]
    public async Task With_redis_stopped_the_gateway_keeps_serving_counts_failures_and_writes_to_redis_again_after_restart()
    {
        await using var redis = await RedisServer.StartAsync();
        using var host = await ChatRequests.StartWithRedisAsync(redis);
        using var client = host.CreateHttpClient();
        var field = (RedisValue)$"openrouter|{ChatRequests.Model}|requests";
        var counters = RedisKeys.HourCounters(RealtimeHours.Name(DateTimeOffset.UtcNow));
        (await client.PostChatAsync()).StatusCode.ShouldBe(HttpStatusCode.OK);
        var direct = await RealtimeStoreHarness.OpenDirectAsync(redis);
        (await Eventually.ReturnsAsync(() => direct.HashGetAsync(counters, field), value => value == 1)).ShouldBe(1);
        var failuresBefore = MetricsText.Sum(await host.ScrapeMetricsAsync(), "gatewayz_redis_connection_failures_total");

        redis.Stop();
        for (var i = 0; i < 5; i++)
        {
            (await client.PostChatAsync()).StatusCode.ShouldBe(HttpStatusCode.OK);
            (await client.PostChatAsync(stream: true)).StatusCode.ShouldBe(HttpStatusCode.OK);
        }
        var failuresDuring = await Eventually.ReturnsAsync(
            async () => MetricsText.Sum(await host.ScrapeMetricsAsync(), "gatewayz_redis_connection_failures_total"), value => value > failuresBefore);
        failuresDuring.ShouldBeGreaterThan(failuresBefore);
        var reader = host.Services.GetRequiredService<IRealtimeMetricsReader>();
        (await reader.ReadHourAsync(DateTimeOffset.UtcNow, None)).Sum(c => c.Requests).ShouldBeGreaterThanOrEqualTo(10);

        await redis.RestartAsync(); // empty: the outage's outcomes must come from the gateway's memory
        direct = await RealtimeStoreHarness.OpenDirectAsync(redis);
        (await Eventually.ReturnsAsync(() => direct.HashGetAsync(counters, field), value => value == 10)).ShouldBe(10);
        (await client.PostChatAsync()).StatusCode.ShouldBe(HttpStatusCode.OK);
        (await Eventually.ReturnsAsync(() => direct.HashGetAsync(counters, field), value => value == 11)).ShouldBe(11);
    }
}
