using Gatewayz.Tests.Infrastructure;
using Gatewayz.RealtimeMetrics;
using Gatewayz.RealtimeMetrics.Store;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using StackExchange.Redis;

namespace Gatewayz.Tests.RealTime;

/// <summary>The real-time store wired as the gateway wires it (facade, Redis, memory, running flusher), outside a gateway.</summary>
internal sealed class RealtimeStoreHarness : IAsyncDisposable
{
    private readonly RealtimeMetricsFlusher _flusher;
    private int _failures;

    private RealtimeStoreHarness(string? connectionString, int retentionHours, int queueCapacity, bool startFlusher)
    {
        var options = Options.Create(new RedisOptions { ConnectionString = connectionString, RetentionHours = retentionHours });
        Connection = new RedisConnection(options, NullLogger<RedisConnection>.Instance);
        Connection.ConnectionFailed += () => Interlocked.Increment(ref _failures);
        Memory = new InMemoryRealtimeMetricsStore(options);
        Redis = new RedisRealtimeMetricsStore(Connection, options);
        Store = new RealtimeMetricsStore(Connection, Redis, Memory, NullLogger<RealtimeMetricsStore>.Instance, queueCapacity);
        _flusher = new RealtimeMetricsFlusher(Store, NullLogger<RealtimeMetricsFlusher>.Instance);
        if (startFlusher) _flusher.StartAsync(CancellationToken.None).GetAwaiter().GetResult();
    }

    public RedisConnection Connection { get; }
    public InMemoryRealtimeMetricsStore Memory { get; }
    public RedisRealtimeMetricsStore Redis { get; }
    public RealtimeMetricsStore Store { get; }
    public int Failures => Volatile.Read(ref _failures);

    public static async Task<RealtimeStoreHarness> StartAsync(string? connectionString, int retentionHours = 2,
        int queueCapacity = RealtimeMetricsStore.DefaultQueueCapacity, bool startFlusher = true)
    {
        var harness = new RealtimeStoreHarness(connectionString, retentionHours, queueCapacity, startFlusher);
        if (connectionString is not null)
            (await harness.Connection.WaitUntilConnectedAsync(TimeSpan.FromSeconds(10))).ShouldBeTrue();
        return harness;
    }

    /// <summary>A direct connection for checking what really is in Redis.</summary>
    public static async Task<IDatabase> OpenDirectAsync(RedisServer redis) =>
        (await ConnectionMultiplexer.ConnectAsync(redis.ConnectionString)).GetDatabase();

    public static RequestOutcome Outcome(DateTimeOffset at, string provider = "openai", string model = "gpt-4o-mini",
        double latencyMs = 120, string? errorType = null, int inputTokens = 10, int outputTokens = 20, decimal cost = 0.0015m) =>
        new(provider, model, at, latencyMs, errorType is null, errorType, errorType is null ? null : $"{errorType} from {provider}",
            inputTokens, outputTokens, cost);

    public async ValueTask DisposeAsync()
    {
        await _flusher.StopAsync(CancellationToken.None);
        _flusher.Dispose();
        await Connection.DisposeAsync();
    }
}
