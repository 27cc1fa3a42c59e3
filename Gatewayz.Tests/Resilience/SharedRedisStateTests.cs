using System.Net;
using Gatewayz.Api.Health;
using Gatewayz.RealtimeMetrics;
using Gatewayz.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using StackExchange.Redis;

namespace Gatewayz.Tests.Resilience;

/// <summary>Two replicas on one real Redis agree on breakers; without Redis each keeps working from memory.</summary>
public sealed class SharedRedisStateTests : IAsyncLifetime
{
    private const double ProbeIntervalSeconds = 0.5;
    private RedisServer _redis = null!;
    private FakeUpstream _upstream = null!;

    public async Task InitializeAsync()
    {
        _redis = await RedisServer.StartAsync();
        _upstream = await FakeUpstream.StartAsync();
    }

    [Fact]
    public async Task Breaker_opened_by_one_replica_makes_the_other_skip_the_route_within_one_probe_interval()
    {
        using var first = await StartReplicaAsync();
        using var second = await StartReplicaAsync();
        _upstream.Behavior = new UpstreamBehavior { Status = 503 };

        for (var i = 0; i < 2; i++)
            (await first.PostChatAsync()).StatusCode.ShouldBe(HttpStatusCode.OK);
        // One interval for the second replica's next sync, plus the same again as margin for a loaded machine.
        await Task.Delay(TimeSpan.FromSeconds(ProbeIntervalSeconds * 2));
        var upstreamCalls = _upstream.ChatRequestCount;
        for (var i = 0; i < 3; i++)
            (await second.PostChatAsync()).StatusCode.ShouldBe(HttpStatusCode.OK);

        upstreamCalls.ShouldBe(2);
        _upstream.ChatRequestCount.ShouldBe(2);
        var secondMetrics = await second.ScrapeMetricsAsync();
        MetricsText.Sum(secondMetrics, "gatewayz_failovers_total", ("provider", "upstream"), ("reason", "circuit_open")).ShouldBe(3);
        var shared = await ReadBreakerAsync();
        shared.ShouldContain("\"state\":\"open\"");
        var seenBySecond = await second.Services.GetRequiredService<IProviderHealthView>().GetCircuitBreakersAsync(default);
        seenBySecond.Single(b => b.Provider == "upstream" && b.Model == TwoRouteSettings.Model).State.ShouldBe("OPEN");
    }

    [Fact]
    public async Task Health_scores_are_shared_in_Redis()
    {
        using var replica = await StartReplicaAsync();
        await using var connection = await ConnectionMultiplexer.ConnectAsync(_redis.ConnectionString);
        (await Eventually.TrueAsync(async () => await connection.GetDatabase().HashExistsAsync(RedisKeys.ModelHealth, $"groq|{TwoRouteSettings.Model}")))
            .ShouldBeTrue();

        var providers = await connection.GetDatabase().HashGetAllAsync(RedisKeys.ProviderHealth);
        var models = await connection.GetDatabase().HashGetAllAsync(RedisKeys.ModelHealth);

        providers.Select(entry => entry.Name.ToString()).ShouldContain("upstream");
        providers.Single(entry => entry.Name == "upstream").Value.ToString().ShouldContain("\"health_score\":100");
        models.Select(entry => entry.Name.ToString()).ShouldContain($"upstream|{TwoRouteSettings.Model}");
    }

    [Fact]
    public async Task Requests_still_succeed_when_Redis_stops_mid_test()
    {
        using var replica = await StartReplicaAsync();
        _upstream.Behavior = new UpstreamBehavior { Status = 503 };
        (await replica.PostChatAsync()).StatusCode.ShouldBe(HttpStatusCode.OK);

        _redis.Stop();
        for (var i = 0; i < 4; i++)
            (await replica.PostChatAsync()).StatusCode.ShouldBe(HttpStatusCode.OK);
        (await Eventually.TrueAsync(async () =>
            MetricsText.Sum(await replica.ScrapeMetricsAsync(), "gatewayz_redis_connection_failures_total") > 0)).ShouldBeTrue();
        (await replica.PostChatAsync()).StatusCode.ShouldBe(HttpStatusCode.OK);

        var metrics = await replica.ScrapeMetricsAsync();
        MetricsText.Sum(metrics, "gatewayz_circuit_breaker_state", ("provider", "upstream"), ("model", TwoRouteSettings.Model), ("state", "open")).ShouldBe(1);
        var health = await replica.Services.GetRequiredService<IProviderHealthView>().GetProviderHealthAsync(default);
        health.ShouldContain(snapshot => snapshot.Provider == "upstream");
    }

    private async Task<GatewayHost> StartReplicaAsync()
    {
        var replica = GatewayHost.Start(TwoRouteSettings.For(_upstream.BaseUrl,
            ("ConnectionStrings:redis", _redis.ConnectionString),
            ("Gatewayz:Health:ProbeIntervalSeconds", ProbeIntervalSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture)),
            ("Gatewayz:Resilience:Retry:MaxRetries", "0"),
            ("Gatewayz:Resilience:CircuitBreaker:MinimumThroughput", "2"),
            ("Gatewayz:Resilience:CircuitBreaker:BreakDurationSeconds", "60")));
        (await replica.Services.GetRequiredService<RedisConnection>().WaitUntilConnectedAsync(TimeSpan.FromSeconds(10))).ShouldBeTrue();
        return replica;
    }

    private async Task<string> ReadBreakerAsync()
    {
        await using var connection = await ConnectionMultiplexer.ConnectAsync(_redis.ConnectionString);
        return (await connection.GetDatabase().HashGetAsync(RedisKeys.CircuitBreakers, $"upstream|{TwoRouteSettings.Model}")).ToString();
    }

    public async Task DisposeAsync()
    {
        await _upstream.DisposeAsync();
        await _redis.DisposeAsync();
    }
}
