using System.Net;
using Gatewayz.RealtimeMetrics;
using Gatewayz.Tests.Infrastructure;
using Gatewayz.Tests.RealTime;
using StackExchange.Redis;

namespace Gatewayz.Tests.RateLimiting;

/// <summary>
/// Far from its limit a budget is taken locally and written to Redis moments later (no round trip per
/// request); near the limit every request is checked in Redis, with the local amounts added first.
/// </summary>
public sealed class RateLimitHeadroomTests
{
    [Fact]
    public async Task Far_from_the_limit_requests_skip_the_redis_round_trip_and_still_reach_the_shared_counter()
    {
        await using var redis = await RedisServer.StartAsync();
        using var gateway = await ChatRequests.StartWithRedisAsync(redis, new Dictionary<string, string?>
        {
            ["Gatewayz:RateLimits:KeyRequestsPerMinute"] = "1000",
        });
        using var client = gateway.CreateHttpClient();
        await RateLimitWindowGuard.EnsureSecondsLeftAsync();

        for (var i = 0; i < 20; i++)
            (await client.PostChatAsync()).StatusCode.ShouldBe(HttpStatusCode.OK);

        var metrics = await gateway.ScrapeMetricsAsync();
        MetricsText.Sum(metrics, "gatewayz_redis_operation_duration_seconds_count", ("operation", RedisOperations.RateLimit)).ShouldBe(1,
            "only the first request, whose budget was not known yet, asked Redis");
        var direct = await RealtimeStoreHarness.OpenDirectAsync(redis);
        (await Eventually.ReturnsAsync(() => KeyRequestsCountedAsync(direct), total => total == 20)).ShouldBe(20);
    }

    [Fact]
    public async Task Near_the_limit_the_local_amounts_count_in_the_exact_check()
    {
        await using var redis = await RedisServer.StartAsync();
        using var gateway = await ChatRequests.StartWithRedisAsync(redis, new Dictionary<string, string?>
        {
            ["Gatewayz:RateLimits:KeyRequestsPerMinute"] = "10",
        });
        using var client = gateway.CreateHttpClient();
        await RateLimitWindowGuard.EnsureSecondsLeftAsync();

        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < 12; i++)
            statuses.Add((await client.PostChatAsync()).StatusCode);

        statuses.Count(status => status == HttpStatusCode.OK).ShouldBe(10);
        statuses.Skip(10).ShouldAllBe(status => status == HttpStatusCode.TooManyRequests);
    }

    private static async Task<long> KeyRequestsCountedAsync(IDatabase direct) =>
        (long)await direct.ScriptEvaluateAsync(
            "local total = 0 for _, key in ipairs(redis.call('KEYS', ARGV[1])) do total = total + tonumber(redis.call('GET', key)) end return total",
            values: ["gwz:rl:key_requests:*"]);
}
