using Gatewayz.RealtimeMetrics;
using Gatewayz.Tests.Infrastructure;
using StackExchange.Redis;

namespace Gatewayz.Tests.Aggregation;

/// <summary>A fresh database, and a flushed Redis holding simulated traffic in the current, still-open hour.</summary>
public sealed record CurrentHourScenario(string Postgres, IDatabase Redis, DateTimeOffset Hour, SimulatedTraffic Traffic)
{
    public static async Task<CurrentHourScenario> StartAsync(StorageFixture storage, int requestsPerSeries, int seed)
    {
        var (postgres, redis) = (await storage.NewDatabaseAsync(), await storage.FreshRedisAsync());
        var scenario = new CurrentHourScenario(postgres, redis, RealtimeHours.Truncate(DateTimeOffset.UtcNow), new SimulatedTraffic());
        await scenario.Traffic.WriteHourAsync(redis, scenario.Hour, requestsPerSeries, seed);
        return scenario;
    }
}
