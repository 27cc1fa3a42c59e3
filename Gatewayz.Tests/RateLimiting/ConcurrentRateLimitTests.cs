using System.Net;
using Gatewayz.Tests.Infrastructure;

namespace Gatewayz.Tests.RateLimiting;

/// <summary>
/// Many clients at once against a small per-key budget, on one gateway and on two sharing one Redis: the
/// number admitted is the limit, exactly, however the requests interleave. With the local fast path forced
/// onto the small budget (<c>LocalHeadroomMinimum</c> 0), one replica is still exact and two stay within the
/// documented bound: the limit plus the other replica's local share.
/// </summary>
public sealed class ConcurrentRateLimitTests
{
    private const int Limit = 20;
    private const int Requests = 60;
    private const int Clients = 32;

    [Fact]
    public async Task One_replica_admits_exactly_the_limit_to_32_concurrent_clients()
    {
        await using var redis = await RedisServer.StartAsync();
        using var gateway = await ChatRequests.StartWithRedisAsync(redis, Settings());

        var admitted = await BurstAsync([gateway]);

        admitted.ShouldBe(Limit);
    }

    [Fact]
    public async Task Two_replicas_on_one_redis_admit_exactly_the_limit_to_32_concurrent_clients()
    {
        await using var redis = await RedisServer.StartAsync();
        using var first = await ChatRequests.StartWithRedisAsync(redis, Settings());
        using var second = await ChatRequests.StartWithRedisAsync(redis, Settings());

        var admitted = await BurstAsync([first, second]);

        admitted.ShouldBe(Limit);
    }

    [Fact]
    public async Task With_the_fast_path_one_replica_still_admits_exactly_the_limit()
    {
        await using var redis = await RedisServer.StartAsync();
        using var gateway = await ChatRequests.StartWithRedisAsync(redis, Settings(fastPath: true));

        var admitted = await BurstAsync([gateway]);

        admitted.ShouldBe(Limit);
    }

    [Fact]
    public async Task With_the_fast_path_two_replicas_admit_at_most_the_limit_plus_one_local_share()
    {
        await using var redis = await RedisServer.StartAsync();
        using var first = await ChatRequests.StartWithRedisAsync(redis, Settings(fastPath: true));
        using var second = await ChatRequests.StartWithRedisAsync(redis, Settings(fastPath: true));

        var admitted = await BurstAsync([first, second]);

        admitted.ShouldBeInRange(Limit, Limit + (int)(Limit * LocalHeadroom));
    }

    [Fact]
    public async Task Without_redis_one_replica_admits_exactly_the_limit()
    {
        using var gateway = GatewayHost.Start(Settings());

        var admitted = await BurstAsync([gateway]);

        admitted.ShouldBe(Limit);
    }

    /// <summary>
    /// <see cref="Requests"/> chat requests from <see cref="Clients"/> concurrent clients, spread evenly over
    /// the replicas, inside one rate-limit window; returns how many were answered 200 (the rest must be 429).
    /// </summary>
    private static async Task<int> BurstAsync(GatewayHost[] replicas)
    {
        var clients = Enumerable.Range(0, Clients).Select(i => replicas[i % replicas.Length].CreateHttpClient()).ToArray();
        try
        {
            // The first request of each replica learns the window's total from Redis; the burst follows at once.
            await RateLimitWindowGuard.EnsureSecondsLeftAsync();
            var next = -1;
            var statuses = await Task.WhenAll(clients.Select(async client =>
            {
                var mine = new List<HttpStatusCode>();
                while (Interlocked.Increment(ref next) < Requests)
                {
                    using var response = await client.PostChatAsync();
                    mine.Add(response.StatusCode);
                }
                return mine;
            }));
            var all = statuses.SelectMany(status => status).ToList();
            all.Count.ShouldBe(Requests);
            all.ShouldAllBe(status => status == HttpStatusCode.OK || status == HttpStatusCode.TooManyRequests);
            return all.Count(status => status == HttpStatusCode.OK);
        }
        finally
        {
            foreach (var client in clients) client.Dispose();
        }
    }

    private const double LocalHeadroom = 0.5;

    private static Dictionary<string, string?> Settings(bool fastPath = false)
    {
        var settings = new Dictionary<string, string?>
        {
            ["Gatewayz:RateLimits:KeyRequestsPerMinute"] = Limit.ToString(),
            ["Gatewayz:RateLimits:LocalHeadroom"] = LocalHeadroom.ToString(System.Globalization.CultureInfo.InvariantCulture),
        };
        if (fastPath) settings["Gatewayz:RateLimits:LocalHeadroomMinimum"] = "0";
        return settings;
    }
}
