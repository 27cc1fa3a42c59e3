using System.Text.Json;
using Dapper;
using Gatewayz.RealtimeMetrics;
using Gatewayz.Tests.Infrastructure;
using Npgsql;

namespace Gatewayz.Tests.Aggregation;

public sealed class HourlyAggregationTests(StorageFixture storage) : IClassFixture<StorageFixture>
{
    private const double BucketTolerance = 0.025;
    private static readonly DateTimeOffset CurrentHour = RealtimeHours.Truncate(DateTimeOffset.UtcNow);

    [Fact]
    public async Task A_simulated_hour_aggregates_to_exactly_the_totals_the_test_computed()
    {
        var (postgres, redis) = (await storage.NewDatabaseAsync(), await storage.FreshRedisAsync());
        var traffic = new SimulatedTraffic();
        var hour = CurrentHour.AddHours(-3);
        await traffic.WriteHourAsync(redis, hour, requestsPerSeries: 2_500, seed: 7);
        await using var aggregator = new AggregatorFactory(postgres, storage.Redis.ConnectionString);

        var result = await aggregator.RunAsync();

        result.AggregatedHours.ShouldBe([hour]);
        result.RowsWritten.ShouldBe(SimulatedTraffic.Series.Length);
        var rows = await HourlyRows.ReadAsync(postgres);
        rows.Count.ShouldBe(SimulatedTraffic.Series.Length);
        foreach (var row in rows)
            ShouldMatch(row, traffic.Expected[(row.Provider, row.Model)]);
    }

    [Fact]
    public async Task Running_the_same_hour_again_overwrites_it_with_the_same_totals_instead_of_adding()
    {
        var (postgres, redis) = (await storage.NewDatabaseAsync(), await storage.FreshRedisAsync());
        var traffic = new SimulatedTraffic();
        var hour = CurrentHour.AddHours(-1);
        await traffic.WriteHourAsync(redis, hour, requestsPerSeries: 500, seed: 11);
        await using var aggregator = new AggregatorFactory(postgres, storage.Redis.ConnectionString, retentionHours: 2);

        await aggregator.RunAsync();
        var first = await HourlyRows.ReadAsync(postgres);
        var again = await aggregator.RunAsync();
        var second = await HourlyRows.ReadAsync(postgres);

        again.AggregatedHours.ShouldBe([hour], "the hour is still in Redis (inside the retention), so it is aggregated again");
        second.ShouldBe(first);
        second.Sum(row => row.Requests).ShouldBe(traffic.Expected.Values.Sum(series => series.Requests));
    }

    [Fact]
    public async Task Only_completed_hours_are_aggregated_and_only_those_past_the_retention_leave_Redis()
    {
        var (postgres, redis) = (await storage.NewDatabaseAsync(), await storage.FreshRedisAsync());
        var traffic = new SimulatedTraffic();
        await traffic.WriteHourAsync(redis, CurrentHour.AddHours(-3), 50, seed: 1);
        await traffic.WriteHourAsync(redis, CurrentHour.AddHours(-1), 50, seed: 2);
        await traffic.WriteHourAsync(redis, CurrentHour, 50, seed: 3);
        await using var aggregator = new AggregatorFactory(postgres, storage.Redis.ConnectionString, retentionHours: 1);

        var result = await aggregator.RunAsync();

        result.AggregatedHours.ShouldBe([CurrentHour.AddHours(-3), CurrentHour.AddHours(-1)]);
        result.DeletedHours.ShouldBe([CurrentHour.AddHours(-3)]);
        var left = (await redis.SetMembersAsync(RedisKeys.Hours)).Select(name => name.ToString()).Order().ToList();
        left.ShouldBe([RealtimeHours.Name(CurrentHour.AddHours(-1)), RealtimeHours.Name(CurrentHour)]);
        (await redis.KeyExistsAsync(RedisKeys.HourCounters(RealtimeHours.Name(CurrentHour.AddHours(-3))))).ShouldBeFalse();
        (await HourlyRows.ReadAsync(postgres)).Select(row => row.Hour).Distinct().Count().ShouldBe(2);
    }

    [Fact]
    public async Task An_hour_locked_by_another_replica_is_skipped_and_stays_in_Redis()
    {
        var (postgres, redis) = (await storage.NewDatabaseAsync(), await storage.FreshRedisAsync());
        var hour = CurrentHour.AddHours(-3);
        await new SimulatedTraffic().WriteHourAsync(redis, hour, 50, seed: 5);
        await using var aggregator = new AggregatorFactory(postgres, storage.Redis.ConnectionString, retentionHours: 1);

        // The other replica: holds the hour's advisory lock in an open transaction, as the aggregator does.
        await using var other = new NpgsqlConnection(postgres);
        await other.OpenAsync();
        await using var transaction = await other.BeginTransactionAsync();
        (await other.ExecuteScalarAsync<bool>("select pg_try_advisory_xact_lock(@lockClass, @hourKey)",
            new { lockClass = 0x67777A41, hourKey = (int)(hour.ToUnixTimeSeconds() / 3600) }, transaction)).ShouldBeTrue();
        var result = await aggregator.RunAsync();

        result.SkippedHours.ShouldBe([hour]);
        result.AggregatedHours.ShouldBeEmpty();
        result.DeletedHours.ShouldBeEmpty();
        (await redis.SetContainsAsync(RedisKeys.Hours, RealtimeHours.Name(hour))).ShouldBeTrue();
        (await HourlyRows.ReadAsync(postgres)).ShouldBeEmpty();

        await transaction.CommitAsync();
        (await aggregator.RunAsync()).AggregatedHours.ShouldBe([hour]);
        (await HourlyRows.ReadAsync(postgres)).Sum(row => row.Requests).ShouldBe(50 * SimulatedTraffic.Series.Length);
    }

    [Fact]
    public async Task Two_aggregators_running_at_once_end_with_exact_totals_and_every_old_hour_out_of_Redis()
    {
        var (postgres, redis) = (await storage.NewDatabaseAsync(), await storage.FreshRedisAsync());
        var traffic = new SimulatedTraffic();
        var hours = Enumerable.Range(3, 4).Select(back => CurrentHour.AddHours(-back)).ToList();
        foreach (var (hour, seed) in hours.Select((hour, index) => (hour, index)))
            await traffic.WriteHourAsync(redis, hour, 300, seed);
        await using var first = new AggregatorFactory(postgres, storage.Redis.ConnectionString, retentionHours: 1);
        await using var second = new AggregatorFactory(postgres, storage.Redis.ConnectionString, retentionHours: 1);

        var results = await Task.WhenAll(first.RunAsync(), second.RunAsync());

        results.SelectMany(result => result.AggregatedHours).Distinct().Order().ShouldBe(hours.Order());
        (await redis.SetLengthAsync(RedisKeys.Hours)).ShouldBe(0);
        var rows = await HourlyRows.ReadAsync(postgres);
        rows.Count.ShouldBe(hours.Count * SimulatedTraffic.Series.Length);
        foreach (var series in rows.GroupBy(row => (row.Provider, row.Model)))
        {
            var expected = traffic.Expected[series.Key];
            series.Sum(row => row.Requests).ShouldBe(expected.Requests);
            series.Sum(row => row.Cost).ShouldBe(expected.Cost);
            series.Sum(row => row.TokensOut).ShouldBe(expected.TokensOut);
        }
    }

    [Fact]
    public async Task A_Postgres_outage_fails_the_pass_without_touching_Redis_and_the_next_pass_catches_up_exactly()
    {
        var (postgres, redis) = (await storage.NewDatabaseAsync(), await storage.FreshRedisAsync());
        var traffic = new SimulatedTraffic();
        var hour = CurrentHour.AddHours(-4);
        await using var aggregator = new AggregatorFactory(postgres, storage.Redis.ConnectionString, retentionHours: 1);
        await aggregator.RunAsync();
        await traffic.WriteHourAsync(redis, hour, 200, seed: 9);

        await storage.SetConnectionsAllowedAsync(postgres, allowed: false);
        try
        {
            await Should.ThrowAsync<Exception>(aggregator.RunAsync());
        }
        finally
        {
            await storage.SetConnectionsAllowedAsync(postgres, allowed: true);
        }
        (await redis.SetContainsAsync(RedisKeys.Hours, RealtimeHours.Name(hour))).ShouldBeTrue();
        aggregator.Metrics.Failures.Value.ShouldBe(1);

        var result = await aggregator.RunAsync();

        result.DeletedHours.ShouldBe([hour]);
        foreach (var row in await HourlyRows.ReadAsync(postgres))
            ShouldMatch(row, traffic.Expected[(row.Provider, row.Model)]);
        aggregator.Metrics.RowsWritten.Value.ShouldBe(SimulatedTraffic.Series.Length);
    }

    internal static void ShouldMatch(HourlyRows.Row row, ExpectedSeries expected)
    {
        row.Requests.ShouldBe(expected.Requests);
        row.Successes.ShouldBe(expected.Successes);
        row.Failures.ShouldBe(expected.Failures);
        row.TokensIn.ShouldBe(expected.TokensIn);
        row.TokensOut.ShouldBe(expected.TokensOut);
        row.Cost.ShouldBe(expected.Cost);
        JsonSerializer.Deserialize<Dictionary<string, long>>(row.ErrorsByType).ShouldBe(expected.Errors, ignoreOrder: true);
        row.P50LatencyMs.ShouldBe(expected.Percentile(50), expected.Percentile(50) * BucketTolerance);
        row.P95LatencyMs.ShouldBe(expected.Percentile(95), expected.Percentile(95) * BucketTolerance);
        row.P99LatencyMs.ShouldBe(expected.Percentile(99), expected.Percentile(99) * BucketTolerance);
        row.AvgLatencyMs.ShouldBe(expected.Mean, expected.Mean * BucketTolerance);
    }
}
