using Gatewayz.RealtimeMetrics;
using StackExchange.Redis;

namespace Gatewayz.Tests.Aggregation;

/// <summary>
/// A reproducible hour of traffic written into Redis request by request, in the documented layout
/// (docs/realtime-store.md), while the test keeps its own exact totals and raw latencies to compare with.
/// </summary>
public sealed class SimulatedTraffic
{
    private static readonly string[] ErrorTypes = ["timeout", "server_error", "rate_limited", "connection_error"];

    public Dictionary<(string Provider, string Model), ExpectedSeries> Expected { get; } = [];

    public static (string Provider, string Model)[] Series { get; } =
    [
        ("openrouter", "openai/gpt-4o"), ("openrouter", "anthropic/claude-3-5-haiku"),
        ("groq", "meta-llama/llama-3.3-70b-instruct"), ("together", "deepseek/deepseek-r1"),
    ];

    public async Task WriteHourAsync(IDatabase redis, DateTimeOffset hour, int requestsPerSeries, int seed)
    {
        var random = new Random(seed);
        var name = RealtimeHours.Name(hour);
        var pending = new List<Task> { redis.SetAddAsync(RedisKeys.Hours, name) };
        foreach (var (provider, model) in Series)
        {
            if (!Expected.TryGetValue((provider, model), out var expected))
                Expected[(provider, model)] = expected = new ExpectedSeries();
            for (var i = 0; i < requestsPerSeries; i++)
            {
                // Log-normal latencies around 400 ms with a long tail, never below 1 ms.
                var latency = Math.Max(1, Math.Exp(6 + 0.8 * Gaussian(random)));
                var success = random.NextDouble() < 0.9;
                var tokensIn = random.Next(10, 2000);
                var tokensOut = success ? random.Next(1, 800) : 0;
                var costMicros = success ? random.Next(1, 5000) : 0;
                var error = success ? null : ErrorTypes[random.Next(ErrorTypes.Length)];
                expected.Add(latency, success, tokensIn, tokensOut, costMicros, error);

                var counters = RedisKeys.HourCounters(name);
                pending.Add(redis.HashIncrementAsync(counters, RedisKeys.Field(provider, model, "requests")));
                pending.Add(redis.HashIncrementAsync(counters, RedisKeys.Field(provider, model, success ? "successes" : "failures")));
                pending.Add(redis.HashIncrementAsync(counters, RedisKeys.Field(provider, model, "tokens_in"), tokensIn));
                pending.Add(redis.HashIncrementAsync(counters, RedisKeys.Field(provider, model, "tokens_out"), tokensOut));
                pending.Add(redis.HashIncrementAsync(counters, RedisKeys.Field(provider, model, "cost_micros"), costMicros));
                if (error is not null)
                    pending.Add(redis.HashIncrementAsync(counters, RedisKeys.Field(provider, model, "err:" + error)));
                pending.Add(redis.HashIncrementAsync(RedisKeys.HourLatency(name), RedisKeys.Field(provider, model, LatencyHistogram.BucketOf(latency).ToString())));
            }
        }
        await Task.WhenAll(pending);
    }

    private static double Gaussian(Random random) =>
        Math.Sqrt(-2 * Math.Log(1 - random.NextDouble())) * Math.Cos(2 * Math.PI * random.NextDouble());
}
