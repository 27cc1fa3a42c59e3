using System.Threading.Channels;
using Microsoft.Extensions.Logging;
using StackExchange.Redis;

namespace Gatewayz.RealtimeMetrics.Store;

/// <summary>
/// The real-time store the gateway uses: <see cref="Record"/> only queues the outcome (a bounded
/// channel, never blocking: when it is full the outcome is dropped and counted), and
/// <see cref="RealtimeMetricsFlusher"/> writes the queue in batches to Redis when it is connected and to
/// <see cref="InMemoryRealtimeMetricsStore"/> otherwise. What memory collected while Redis was away
/// moves to Redis with the next flush after it is back. Reads combine both.
/// </summary>
public sealed class RealtimeMetricsStore : IRealtimeMetricsWriter, IRealtimeMetricsReader
{
    public const int DefaultQueueCapacity = 16_384;

    private readonly RedisConnection _connection;
    private readonly RedisRealtimeMetricsStore _redis;
    private readonly InMemoryRealtimeMetricsStore _memory;
    private readonly ILogger<RealtimeMetricsStore> _logger;
    private readonly Channel<RequestOutcome> _queue;
    private long _dropped;

    public RealtimeMetricsStore(RedisConnection connection, RedisRealtimeMetricsStore redis, InMemoryRealtimeMetricsStore memory,
        ILogger<RealtimeMetricsStore> logger)
        : this(connection, redis, memory, logger, DefaultQueueCapacity)
    {
    }

    internal RealtimeMetricsStore(RedisConnection connection, RedisRealtimeMetricsStore redis, InMemoryRealtimeMetricsStore memory,
        ILogger<RealtimeMetricsStore> logger, int queueCapacity)
    {
        _connection = connection;
        _redis = redis;
        _memory = memory;
        _logger = logger;
        _queue = Channel.CreateBounded<RequestOutcome>(new BoundedChannelOptions(queueCapacity)
        {
            FullMode = BoundedChannelFullMode.Wait, // TryWrite then fails instead of blocking, and we count the drop
            SingleReader = true,
        });
    }

    /// <summary>Outcomes refused because the queue was full (the flusher could not keep up).</summary>
    public long DroppedOutcomes => Interlocked.Read(ref _dropped);

    internal ChannelReader<RequestOutcome> Queue => _queue.Reader;

    public void Record(in RequestOutcome outcome)
    {
        if (!_queue.Writer.TryWrite(outcome))
            Interlocked.Increment(ref _dropped);
    }

    /// <summary>Writes a batch, with anything memory kept while Redis was away, to Redis; or keeps it in memory.</summary>
    internal async Task FlushAsync(RealtimeBatch batch)
    {
        if (!_connection.IsConfigured || _connection.TryGetDatabase() is null)
        {
            if (!batch.IsEmpty) _memory.Merge(batch);
            return;
        }
        if (!_memory.IsEmpty)
        {
            var backlog = _memory.TakeAll();
            backlog.Merge(batch);
            batch = backlog;
        }
        if (batch.IsEmpty) return;
        try
        {
            await _redis.WriteAsync(batch);
        }
        catch (Exception exception)
        {
            _connection.ReportFailure(exception);
            _memory.Merge(batch);
        }
    }

    public async Task<IReadOnlyList<DateTimeOffset>> ListHoursAsync(CancellationToken cancellationToken)
    {
        var hours = new SortedSet<DateTimeOffset>(await _memory.ListHoursAsync(cancellationToken));
        if (await FromRedisAsync(() => _redis.ListHoursAsync(cancellationToken)) is { } fromRedis) hours.UnionWith(fromRedis);
        return [.. hours];
    }

    public async Task<IReadOnlyList<HourlyCounters>> ReadHourAsync(DateTimeOffset hour, CancellationToken cancellationToken)
    {
        var fromMemory = await _memory.ReadHourAsync(hour, cancellationToken);
        var fromRedis = await FromRedisAsync(() => _redis.ReadHourAsync(hour, cancellationToken));
        return fromRedis is null or { Count: 0 } ? fromMemory : HourlyCountersMerge.Combine(fromRedis, fromMemory);
    }

    public async Task DeleteHourAsync(DateTimeOffset hour, CancellationToken cancellationToken)
    {
        await _memory.DeleteHourAsync(hour, cancellationToken);
        if (_connection.IsConfigured)
            await _redis.DeleteHourAsync(hour, cancellationToken); // must fail loudly: the caller thinks the hour is gone
    }

    public async Task<IReadOnlyList<RecentError>> ReadRecentErrorsAsync(string provider, int limit, CancellationToken cancellationToken)
    {
        var fromMemory = await _memory.ReadRecentErrorsAsync(provider, limit, cancellationToken);
        var fromRedis = await FromRedisAsync(() => _redis.ReadRecentErrorsAsync(provider, limit, cancellationToken));
        if (fromRedis is null or { Count: 0 }) return fromMemory;
        if (fromMemory.Count == 0) return fromRedis;
        return [.. fromRedis.Concat(fromMemory).OrderByDescending(error => error.Timestamp).Take(limit)];
    }

    /// <summary>Reads from Redis when it is configured and reachable; null (after counting the failure) when not.</summary>
    private async Task<T?> FromRedisAsync<T>(Func<Task<T>> read) where T : class
    {
        if (!_connection.IsConfigured || _connection.TryGetDatabase() is null) return null;
        try
        {
            return await read();
        }
        catch (Exception exception) when (exception is RedisException or TimeoutException)
        {
            _connection.ReportFailure(exception);
            _logger.LogDebug("Read real-time metrics from memory only.");
            return null;
        }
    }
}
