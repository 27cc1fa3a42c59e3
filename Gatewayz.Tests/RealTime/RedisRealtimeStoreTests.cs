using Gatewayz.Tests.Infrastructure;
using Gatewayz.RealtimeMetrics;
using StackExchange.Redis;
using static Gatewayz.Tests.RealTime.RealtimeStoreHarness;

namespace Gatewayz.Tests.RealTime;

public sealed class RedisRealtimeStoreTests
{
    private static readonly CancellationToken None = CancellationToken.None;

    [Fact]
    public async Task Outcomes_are_added_up_per_hour_provider_and_model_in_the_documented_keys_with_the_retention_ttl()
    {
        await using var redis = await RedisServer.StartAsync();
        await using var harness = await StartAsync(redis.ConnectionString, retentionHours: 5);
        var now = DateTimeOffset.UtcNow;
        harness.Store.Record(Outcome(now, latencyMs: 100));
        harness.Store.Record(Outcome(now, latencyMs: 200));
        harness.Store.Record(Outcome(now, latencyMs: 300));
        harness.Store.Record(Outcome(now, latencyMs: 5000, errorType: "timeout", outputTokens: 0, cost: 0));
        harness.Store.Record(Outcome(now, provider: "anthropic", model: "claude-sonnet-4"));

        var direct = await OpenDirectAsync(redis);
        var hour = RealtimeHours.Name(now);
        var counters = RedisKeys.HourCounters(hour);
        var requests = await Eventually.ReturnsAsync(() => direct.HashGetAsync(counters, "openai|gpt-4o-mini|requests"), value => value == 4);
        requests.ShouldBe(4);
        ((long)await direct.HashGetAsync(counters, "openai|gpt-4o-mini|err:timeout")).ShouldBe(1);
        ((long)await direct.HashGetAsync(counters, "openai|gpt-4o-mini|cost_micros")).ShouldBe(4500);
        ((long)await direct.HashGetAsync(counters, "anthropic|claude-sonnet-4|requests")).ShouldBe(1);
        (await direct.SetContainsAsync(RedisKeys.Hours, hour)).ShouldBeTrue();
        var ttl = (await direct.KeyTimeToLiveAsync(RedisKeys.HourLatency(hour)))!.Value;
        ttl.ShouldBeInRange(TimeSpan.FromHours(28.9), TimeSpan.FromHours(29));

        var openAi = (await harness.Store.ReadHourAsync(now, None)).Single(c => c.Provider == "openai");
        (openAi.Requests, openAi.Successes, openAi.Failures).ShouldBe((4L, 3L, 1L));
        (openAi.InputTokens, openAi.OutputTokens, openAi.Cost).ShouldBe((40L, 60L, 0.0045m));
        openAi.ErrorsByType["timeout"].ShouldBe(1);
        openAi.Latency.Total.ShouldBe(4);
        openAi.Latency.Percentile(50).ShouldBe(200, tolerance: 200 * 0.025);
        (await harness.Store.ListHoursAsync(None)).ShouldBe([RealtimeHours.Truncate(now)]);
    }

    [Fact]
    public async Task Only_the_last_100_errors_of_a_provider_are_kept_newest_first()
    {
        await using var redis = await RedisServer.StartAsync();
        await using var harness = await StartAsync(redis.ConnectionString);
        var start = DateTimeOffset.UtcNow;
        for (var i = 0; i < 150; i++)
            harness.Store.Record(Outcome(start.AddMilliseconds(i), errorType: "server_error") with { ErrorMessage = $"failure {i}" });

        var direct = await OpenDirectAsync(redis);
        await Eventually.ReturnsAsync(() => direct.HashGetAsync(RedisKeys.HourCounters(RealtimeHours.Name(start)), "openai|gpt-4o-mini|failures"),
            value => value == 150);
        (await direct.ListLengthAsync(RedisKeys.RecentErrors("openai"))).ShouldBe(100);

        var errors = await harness.Store.ReadRecentErrorsAsync("openai", 100, None);
        errors.Count.ShouldBe(100);
        errors[0].Error.ShouldBe("failure 149");
        errors[^1].Error.ShouldBe("failure 50");
        errors[0].Model.ShouldBe("gpt-4o-mini");
    }

    [Fact]
    public async Task Redis_stopped_mid_test_sends_outcomes_to_memory_counts_failures_and_flows_to_redis_again_after_restart()
    {
        await using var redis = await RedisServer.StartAsync();
        await using var harness = await StartAsync(redis.ConnectionString);
        var now = DateTimeOffset.UtcNow;
        var field = (RedisValue)"openai|gpt-4o-mini|requests";
        var counters = RedisKeys.HourCounters(RealtimeHours.Name(now));
        harness.Store.Record(Outcome(now));
        var direct = await OpenDirectAsync(redis);
        (await Eventually.ReturnsAsync(() => direct.HashGetAsync(counters, field), value => value == 1)).ShouldBe(1);

        redis.Stop();
        for (var i = 0; i < 3; i++) harness.Store.Record(Outcome(now));
        await Eventually.ReturnsAsync(() => Task.FromResult(!harness.Memory.IsEmpty && harness.Failures > 0), done => done);
        harness.Failures.ShouldBeGreaterThan(0);
        (await harness.Memory.ReadHourAsync(now, None)).Single().Requests.ShouldBe(3);
        (await harness.Store.ReadHourAsync(now, None)).Sum(c => c.Requests).ShouldBeGreaterThanOrEqualTo(3);

        await redis.RestartAsync(); // an empty Redis: it kept nothing on disk
        direct = await OpenDirectAsync(redis);
        (await Eventually.ReturnsAsync(() => direct.HashGetAsync(counters, field), value => value == 3)).ShouldBe(3);
        harness.Memory.IsEmpty.ShouldBeTrue();

        harness.Store.Record(Outcome(now));
        (await Eventually.ReturnsAsync(() => direct.HashGetAsync(counters, field), value => value == 4)).ShouldBe(4);
    }

    [Fact]
    public async Task A_full_queue_drops_and_counts_outcomes_instead_of_blocking()
    {
        await using var harness = await StartAsync(connectionString: null, queueCapacity: 10, startFlusher: false);

        for (var i = 0; i < 25; i++) harness.Store.Record(Outcome(DateTimeOffset.UtcNow));

        harness.Store.DroppedOutcomes.ShouldBe(15);
    }

    [Fact]
    public async Task Without_redis_configured_the_memory_store_serves_reads_and_nothing_counts_as_a_failure()
    {
        await using var harness = await StartAsync(connectionString: null);
        var now = DateTimeOffset.UtcNow;
        harness.Store.Record(Outcome(now, errorType: "rate_limited"));

        var counters = await Eventually.ReturnsAsync(() => harness.Store.ReadHourAsync(now, None), list => list.Count == 1);
        counters.Single().ErrorsByType["rate_limited"].ShouldBe(1);
        (await harness.Store.ReadRecentErrorsAsync("openai", 10, None)).Single().Error.ShouldBe("rate_limited from openai");
        harness.Failures.ShouldBe(0);
    }

    [Fact]
    public async Task Deleting_an_hour_removes_its_keys_and_its_name_but_not_other_hours()
    {
        await using var redis = await RedisServer.StartAsync();
        await using var harness = await StartAsync(redis.ConnectionString);
        var now = DateTimeOffset.UtcNow;
        var previous = now.AddHours(-1);
        harness.Store.Record(Outcome(previous));
        harness.Store.Record(Outcome(now));
        await Eventually.ReturnsAsync(() => harness.Store.ListHoursAsync(None), hours => hours.Count == 2);

        await harness.Store.DeleteHourAsync(previous, None);

        (await harness.Store.ListHoursAsync(None)).ShouldBe([RealtimeHours.Truncate(now)]);
        var direct = await OpenDirectAsync(redis);
        (await direct.KeyExistsAsync(RedisKeys.HourCounters(RealtimeHours.Name(previous)))).ShouldBeFalse();
        (await direct.KeyExistsAsync(RedisKeys.HourCounters(RealtimeHours.Name(now)))).ShouldBeTrue();
    }

    [Fact]
    public async Task The_strict_redis_reader_throws_when_redis_is_unreachable_so_an_aggregator_never_mistakes_it_for_no_data()
    {
        await using var redis = await RedisServer.StartAsync();
        await using var harness = await StartAsync(redis.ConnectionString);
        redis.Stop();

        await Should.ThrowAsync<Exception>(() => Eventually.ReturnsAsync(
            () => harness.Redis.ListHoursAsync(None), _ => false, TimeSpan.FromSeconds(5)));
    }

    [Fact]
    public async Task Memory_forgets_hours_older_than_retention_plus_a_day()
    {
        await using var harness = await StartAsync(connectionString: null, retentionHours: 2);
        var now = DateTimeOffset.UtcNow;
        harness.Memory.Record(Outcome(now.AddHours(-30)));
        harness.Memory.Record(Outcome(now.AddHours(-20)));
        harness.Memory.Record(Outcome(now));

        (await harness.Memory.ListHoursAsync(None)).ShouldBe([RealtimeHours.Truncate(now.AddHours(-20)), RealtimeHours.Truncate(now)]);
    }
}
