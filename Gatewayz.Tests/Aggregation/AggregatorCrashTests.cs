using Dapper;
using Gatewayz.RealtimeMetrics;
using Gatewayz.Tests.Infrastructure;
using Npgsql;

namespace Gatewayz.Tests.Aggregation;

/// <summary>The aggregator as a real process, killed with SIGKILL in the middle of its upsert, then run again.</summary>
public sealed class AggregatorCrashTests(StorageFixture storage) : IClassFixture<StorageFixture>
{
    [Fact]
    public async Task An_aggregator_process_killed_during_its_upsert_loses_nothing_and_the_rerun_ends_with_exact_totals()
    {
        var (postgres, redis) = (await storage.NewDatabaseAsync(), await storage.FreshRedisAsync());
        var traffic = new SimulatedTraffic();
        var hour = RealtimeHours.Truncate(DateTimeOffset.UtcNow).AddHours(-3);
        await traffic.WriteHourAsync(redis, hour, requestsPerSeries: 1_000, seed: 21);

        // Migrate first, then hold a lock that makes the aggregator's INSERT wait: it is then provably
        // between its advisory lock and its commit when it is killed.
        await redis.SetRemoveAsync(RedisKeys.Hours, RealtimeHours.Name(hour));
        using (var warmUp = AggregatorProcess.StartOnce(postgres, storage.Redis.ConnectionString, retentionHours: 1))
        {
            (await warmUp.WaitForExitAsync(TimeSpan.FromSeconds(60))).ShouldBe(0, warmUp.Output);
            await redis.SetAddAsync(RedisKeys.Hours, RealtimeHours.Name(hour));
        }
        await using var blocker = new NpgsqlConnection(postgres);
        await blocker.OpenAsync();
        var blocking = await blocker.BeginTransactionAsync();
        await blocker.ExecuteAsync("lock table metrics_hourly_aggregates in share mode", transaction: blocking);

        using (var victim = AggregatorProcess.StartOnce(postgres, storage.Redis.ConnectionString, retentionHours: 1))
        {
            await WaitUntilInsertIsBlockedAsync(postgres, victim);
            victim.Stop();
        }
        await blocking.RollbackAsync();

        (await HourlyRows.ReadAsync(postgres)).ShouldBeEmpty("the killed run never committed");
        (await redis.SetContainsAsync(RedisKeys.Hours, RealtimeHours.Name(hour))).ShouldBeTrue("nothing is deleted before the commit");

        using (var rerun = AggregatorProcess.StartOnce(postgres, storage.Redis.ConnectionString, retentionHours: 1))
            (await rerun.WaitForExitAsync(TimeSpan.FromSeconds(60))).ShouldBe(0, rerun.Output);

        var rows = await HourlyRows.ReadAsync(postgres);
        rows.Count.ShouldBe(SimulatedTraffic.Series.Length);
        foreach (var row in rows)
            HourlyAggregationTests.ShouldMatch(row, traffic.Expected[(row.Provider, row.Model)]);
        (await redis.SetContainsAsync(RedisKeys.Hours, RealtimeHours.Name(hour))).ShouldBeFalse("deleted after the commit, being past the retention");
    }

    private static async Task WaitUntilInsertIsBlockedAsync(string postgres, LocalProcess victim)
    {
        await using var observer = new NpgsqlConnection(postgres);
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (DateTime.UtcNow < deadline)
        {
            var waiting = await observer.ExecuteScalarAsync<int>("""
                select count(*) from pg_stat_activity
                where application_name = 'gatewayz-aggregator' and wait_event_type = 'Lock' and query like 'insert into metrics_hourly_aggregates%'
                """);
            if (waiting == 1) return;
            await Task.Delay(50);
        }
        throw new TimeoutException("The aggregator never reached its upsert:\n" + victim.Output);
    }
}
