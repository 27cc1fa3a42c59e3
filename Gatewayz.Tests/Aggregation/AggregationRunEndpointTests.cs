using System.Net;
using Dapper;
using Gatewayz.RealtimeMetrics;
using Gatewayz.Tests.Infrastructure;
using Npgsql;

namespace Gatewayz.Tests.Aggregation;

/// <summary><c>POST /aggregation/run</c> on the real aggregator host, against a real Redis and Postgres.</summary>
public sealed class AggregationRunEndpointTests(StorageFixture storage) : IClassFixture<StorageFixture>
{
    private const string WithCurrentHour = "?include_current_hour=true";

    [Fact]
    public async Task Without_the_parameter_a_run_aggregates_the_completed_hours_and_leaves_the_current_hour_out()
    {
        var (postgres, redis, currentHour, traffic) = await CurrentHourScenario.StartAsync(storage, 40, seed: 2);
        await traffic.WriteHourAsync(redis, currentHour.AddHours(-1), 40, seed: 1);
        await using var factory = AggregatorWebHost.Create(postgres, storage.Redis.ConnectionString);
        using var client = await factory.ClientAsync();

        var answer = await RunAnswer.PostAsync(client);

        answer.Status.ShouldBe(HttpStatusCode.OK, answer.Body.ToString());
        answer.Body.GetProperty("included_current_hour").GetBoolean().ShouldBeFalse();
        answer.Hours("aggregated_hours").ShouldBe([RunAnswer.Iso(currentHour.AddHours(-1))]);
        answer.Body.GetProperty("rows_written").GetInt32().ShouldBe(SimulatedTraffic.Series.Length);
        answer.Hours("skipped_hours").ShouldBeEmpty();
        answer.Hours("deleted_hours").ShouldBeEmpty("the hour is inside the default retention of 2 hours");
        (await HourlyRows.ReadAsync(postgres)).Select(row => row.Hour).Distinct().ShouldBe([currentHour.AddHours(-1).UtcDateTime]);
    }

    [Fact]
    public async Task With_the_parameter_the_current_hours_partial_totals_land_and_a_later_run_overwrites_them()
    {
        var (postgres, redis, currentHour, traffic) = await CurrentHourScenario.StartAsync(storage, 60, seed: 3);
        await using var factory = AggregatorWebHost.Create(postgres, storage.Redis.ConnectionString, ("METRICS_REDIS_RETENTION_HOURS", "1"));
        using var client = await factory.ClientAsync();

        var first = await RunAnswer.PostAsync(client, WithCurrentHour);

        first.Status.ShouldBe(HttpStatusCode.OK, first.Body.ToString());
        first.Body.GetProperty("included_current_hour").GetBoolean().ShouldBeTrue();
        first.Hours("aggregated_hours").ShouldBe([RunAnswer.Iso(currentHour)]);
        ShouldMatchTraffic(await HourlyRows.ReadAsync(postgres), traffic);

        // More traffic in the same hour: the test's totals now cover both batches, as Redis's do.
        await traffic.WriteHourAsync(redis, currentHour, 90, seed: 4);
        var second = await RunAnswer.PostAsync(client, WithCurrentHour);

        second.Status.ShouldBe(HttpStatusCode.OK, second.Body.ToString());
        second.Hours("deleted_hours").ShouldBeEmpty();
        var rows = await HourlyRows.ReadAsync(postgres);
        ShouldMatchTraffic(rows, traffic);
        rows.Sum(row => row.Requests).ShouldBe(150 * SimulatedTraffic.Series.Length, "overwritten with the fuller totals, not added to the partial ones");
        (await redis.SetContainsAsync(RedisKeys.Hours, RealtimeHours.Name(currentHour))).ShouldBeTrue("the current hour never leaves Redis");
        (await redis.KeyExistsAsync(RedisKeys.HourCounters(RealtimeHours.Name(currentHour)))).ShouldBeTrue();
    }

    [Fact]
    public async Task A_run_waits_for_the_pass_already_running_in_the_process_instead_of_skipping_its_hours()
    {
        var (postgres, _, currentHour, _) = await CurrentHourScenario.StartAsync(storage, 20, seed: 5);
        await using var factory = AggregatorWebHost.Create(postgres, storage.Redis.ConnectionString);
        using var client = await factory.ClientAsync();
        (await RunAnswer.PostAsync(client)).Status.ShouldBe(HttpStatusCode.OK, "the schema exists before the test locks its table");

        // Holds the first run inside its upsert, after it took the hour's advisory lock and before its commit.
        await using var blocker = new NpgsqlConnection(postgres);
        await blocker.OpenAsync();
        var blocking = await blocker.BeginTransactionAsync();
        await blocker.ExecuteAsync("lock table metrics_hourly_aggregates in share mode", transaction: blocking);
        var first = RunAnswer.PostAsync(client, WithCurrentHour);
        await WaitUntilAnUpsertIsBlockedAsync(postgres);
        var second = RunAnswer.PostAsync(client, WithCurrentHour);
        await Task.WhenAny(second, Task.Delay(TimeSpan.FromSeconds(1)));
        var secondFinishedEarly = second.IsCompleted;
        await blocking.RollbackAsync();

        secondFinishedEarly.ShouldBeFalse("a second pass in the same process would find the hour locked and skip it");
        foreach (var answer in await Task.WhenAll(first, second))
        {
            answer.Status.ShouldBe(HttpStatusCode.OK, answer.Body.ToString());
            answer.Hours("aggregated_hours").ShouldBe([RunAnswer.Iso(currentHour)]);
            answer.Hours("skipped_hours").ShouldBeEmpty();
        }
    }

    [Fact]
    public async Task When_Postgres_refuses_connections_a_run_answers_503_JSON_and_the_next_run_catches_up()
    {
        var (postgres, _, _, traffic) = await CurrentHourScenario.StartAsync(storage, 30, seed: 6);
        await using var factory = AggregatorWebHost.Create(postgres, storage.Redis.ConnectionString);
        using var client = await factory.ClientAsync();

        RunAnswer failed;
        await storage.SetConnectionsAllowedAsync(postgres, allowed: false);
        try
        {
            failed = await RunAnswer.PostAsync(client, WithCurrentHour);
        }
        finally
        {
            await storage.SetConnectionsAllowedAsync(postgres, allowed: true);
        }

        ShouldBeUnavailable(failed);
        var recovered = await RunAnswer.PostAsync(client, WithCurrentHour);
        recovered.Status.ShouldBe(HttpStatusCode.OK, recovered.Body.ToString());
        ShouldMatchTraffic(await HourlyRows.ReadAsync(postgres), traffic);
    }

    [Fact]
    public async Task When_Redis_is_unreachable_a_run_answers_503_JSON()
    {
        var postgres = await storage.NewDatabaseAsync();
        await using var factory = AggregatorWebHost.Create(postgres, $"127.0.0.1:{FreePort.Next()}");
        using var client = factory.CreateClient();

        ShouldBeUnavailable(await RunAnswer.PostAsync(client));
    }

    [Fact]
    public async Task A_value_that_is_not_a_boolean_answers_400_JSON()
    {
        var postgres = await storage.NewDatabaseAsync();
        await using var factory = AggregatorWebHost.Create(postgres, storage.Redis.ConnectionString);
        using var client = await factory.ClientAsync();

        var answer = await RunAnswer.PostAsync(client, "?include_current_hour=yes");

        answer.Status.ShouldBe(HttpStatusCode.BadRequest, answer.Body.ToString());
        answer.Text("error").ShouldBe("invalid_value");
        answer.Text("message").ShouldContain("include_current_hour");
    }

    private static void ShouldBeUnavailable(RunAnswer answer)
    {
        answer.Status.ShouldBe(HttpStatusCode.ServiceUnavailable, answer.Body.ToString());
        answer.Text("error").ShouldBe("aggregation_failed");
        answer.Text("message").ShouldContain("nothing was deleted from Redis");
        answer.Body.ToString().ShouldNotContain(" at Gatewayz.", Case.Sensitive, "no stack trace reaches the caller");
    }

    private static void ShouldMatchTraffic(List<HourlyRows.Row> rows, SimulatedTraffic traffic)
    {
        rows.Count.ShouldBe(SimulatedTraffic.Series.Length);
        foreach (var row in rows)
            HourlyAggregationTests.ShouldMatch(row, traffic.Expected[(row.Provider, row.Model)]);
    }

    private static async Task WaitUntilAnUpsertIsBlockedAsync(string postgres)
    {
        await using var observer = new NpgsqlConnection(postgres);
        var blocked = await Eventually.TrueAsync(async () => await observer.ExecuteScalarAsync<int>("""
            select count(*) from pg_stat_activity
            where datname = current_database() and wait_event_type = 'Lock' and query like 'insert into metrics_hourly_aggregates%'
            """) == 1, TimeSpan.FromSeconds(30));
        blocked.ShouldBeTrue("the first run never reached its upsert");
    }
}
