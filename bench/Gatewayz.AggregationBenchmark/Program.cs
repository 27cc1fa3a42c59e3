using System.Diagnostics;
using Dapper;
using Gatewayz.AggregationBenchmark;
using Gatewayz.Aggregator.Aggregation;
using Gatewayz.RealtimeMetrics;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Npgsql;
using StackExchange.Redis;

// Usage: fill <redis> | aggregate <redis> <postgres>
const int Providers = 15, Models = 100, Requests = 1_000_000;
var hour = RealtimeHours.Truncate(DateTimeOffset.UtcNow).AddHours(-3);

if (args is ["fill", var redisConnection])
{
    await using var redis = await ConnectionMultiplexer.ConnectAsync(redisConnection);
    var started = Stopwatch.StartNew();
    var fields = await HourFiller.FillAsync(redis.GetDatabase(), hour, Providers, Models, Requests);
    Console.WriteLine($"filled {Requests:N0} requests ({Providers} providers x {Models} models) into {fields:N0} hash fields in {started.Elapsed.TotalSeconds:F2} s");
    return 0;
}

if (args is ["aggregate", var redisString, var postgresString])
{
    var builder = Host.CreateApplicationBuilder();
    builder.Logging.SetMinimumLevel(LogLevel.Warning);
    builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
    {
        ["ConnectionStrings:redis"] = redisString,
        ["ConnectionStrings:gatewayz"] = postgresString,
        ["METRICS_REDIS_RETENTION_HOURS"] = "1",
    });
    builder.AddHourlyAggregation();
    using var host = builder.Build();
    await host.Services.GetRequiredService<RedisConnection>().WaitUntilConnectedAsync(TimeSpan.FromSeconds(10));
    await host.Services.GetRequiredService<Gatewayz.Data.DatabaseMigrator>().EnsureMigratedAsync(CancellationToken.None);

    var peakBefore = Process.GetCurrentProcess().PeakWorkingSet64;
    var allocatedBefore = GC.GetTotalAllocatedBytes(precise: true);
    var started = Stopwatch.StartNew();
    var result = await host.Services.GetRequiredService<HourlyAggregationPass>().RunAsync(CancellationToken.None);
    var elapsed = started.Elapsed;
    var process = Process.GetCurrentProcess();
    process.Refresh();

    await using var connection = new NpgsqlConnection(postgresString);
    var stored = await connection.ExecuteScalarAsync<long>("select coalesce(sum(requests), 0)::bigint from metrics_hourly_aggregates where hour = @hour", new { hour = hour.UtcDateTime });
    Console.WriteLine($"aggregated {result.AggregatedHours.Count} hour(s), {result.RowsWritten:N0} rows, {stored:N0} requests in Postgres, deleted {result.DeletedHours.Count} hour(s) from Redis");
    Console.WriteLine($"pass time: {elapsed.TotalSeconds:F2} s (includes the provider_stats_24h refresh and the Redis delete)");
    Console.WriteLine($"peak working set: {process.PeakWorkingSet64 / 1048576.0:F1} MiB (before the pass: {peakBefore / 1048576.0:F1} MiB); allocated during the pass: {(GC.GetTotalAllocatedBytes(precise: true) - allocatedBefore) / 1048576.0:F1} MiB");
    return stored == Requests ? 0 : 1;
}

Console.Error.WriteLine("usage: fill <redis> | aggregate <redis> <postgres>");
return 2;
