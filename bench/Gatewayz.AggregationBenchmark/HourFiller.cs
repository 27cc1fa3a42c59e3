using System.Globalization;
using Gatewayz.RealtimeMetrics;
using StackExchange.Redis;

namespace Gatewayz.AggregationBenchmark;

/// <summary>
/// Simulates the requests of one hour and writes their totals into Redis in the documented layout
/// with pipelined HINCRBYs, as the gateway's writer flushes them (per series and field, not per request).
/// </summary>
public static class HourFiller
{
    private static readonly string[] ErrorTypes = ["timeout", "server_error", "rate_limited", "connection_error"];

    public static async Task<long> FillAsync(IDatabase redis, DateTimeOffset hour, int providers, int models, int requests)
    {
        var random = new Random(42);
        var name = RealtimeHours.Name(hour);
        var counters = new Dictionary<string, long>(StringComparer.Ordinal);
        var latency = new Dictionary<string, long>(StringComparer.Ordinal);
        for (var i = 0; i < requests; i++)
        {
            var provider = $"provider-{random.Next(providers):00}";
            var model = $"vendor/model-{random.Next(models):000}";
            var success = random.NextDouble() < 0.97;
            Add(counters, RedisKeys.Field(provider, model, "requests"), 1);
            Add(counters, RedisKeys.Field(provider, model, success ? "successes" : "failures"), 1);
            Add(counters, RedisKeys.Field(provider, model, "tokens_in"), random.Next(10, 2000));
            Add(counters, RedisKeys.Field(provider, model, "tokens_out"), success ? random.Next(1, 800) : 0);
            Add(counters, RedisKeys.Field(provider, model, "cost_micros"), success ? random.Next(1, 5000) : 0);
            if (!success) Add(counters, RedisKeys.Field(provider, model, "err:" + ErrorTypes[random.Next(ErrorTypes.Length)]), 1);
            var milliseconds = Math.Max(1, Math.Exp(6 + 0.8 * Math.Sqrt(-2 * Math.Log(1 - random.NextDouble())) * Math.Cos(2 * Math.PI * random.NextDouble())));
            Add(latency, RedisKeys.Field(provider, model, LatencyHistogram.BucketOf(milliseconds).ToString(CultureInfo.InvariantCulture)), 1);
        }

        var pending = new List<Task>(counters.Count + latency.Count + 1) { redis.SetAddAsync(RedisKeys.Hours, name) };
        foreach (var (field, value) in counters) pending.Add(redis.HashIncrementAsync(RedisKeys.HourCounters(name), field, value));
        foreach (var (field, value) in latency) pending.Add(redis.HashIncrementAsync(RedisKeys.HourLatency(name), field, value));
        await Task.WhenAll(pending);
        return counters.Count + latency.Count;
    }

    private static void Add(Dictionary<string, long> totals, string field, long value) =>
        totals[field] = totals.GetValueOrDefault(field) + value;
}
