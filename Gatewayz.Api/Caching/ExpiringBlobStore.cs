using System.Diagnostics;
using Gatewayz.RealtimeMetrics;
using StackExchange.Redis;

namespace Gatewayz.Api.Caching;

/// <summary>
/// Byte values under string keys, each with a lifetime: in Redis while it is reachable, so every replica sees them,
/// and in a bounded memory map of this replica otherwise — a Redis outage degrades what is shared, it never fails a
/// request. A read asks Redis first and memory after it, so a value kept while Redis was down is still found here
/// once Redis is back. Each Redis round trip is measured under the operation names the owner gives.
/// </summary>
public sealed class ExpiringBlobStore(RedisConnection redis, IRedisOperationObserver observer, TimeProvider time, ExpiringBlobStore.OperationNames operations,
    int memoryEntries)
{
    /// <summary>The <c>operation</c> labels of the store's Redis round trips (<see cref="RedisOperations"/>); a store that never deletes needs no delete label.</summary>
    public readonly record struct OperationNames(string Get, string Set, string? Delete = null);

    private readonly MemoryBlobs _memory = new(time, memoryEntries);

    public async Task<byte[]?> GetAsync(string key)
    {
        if (redis.TryGetDatabase() is { } database)
        {
            try
            {
                var started = Stopwatch.GetTimestamp();
                var value = await database.StringGetAsync(key);
                observer.Completed(operations.Get, Stopwatch.GetElapsedTime(started));
                if (value.HasValue) return (byte[])value!;
            }
            catch (Exception exception) when (exception is RedisException or TimeoutException)
            {
                redis.ReportFailure(exception);
            }
        }
        return _memory.Get(key);
    }

    /// <summary>Keeps a value without waiting for Redis: for values a reader can do without (a cache).</summary>
    public void SetAndForget(string key, byte[] value, TimeSpan lifetime)
    {
        if (redis.TryGetDatabase() is { } database)
        {
            try
            {
                var started = Stopwatch.GetTimestamp();
                database.StringSet(key, value, lifetime, flags: CommandFlags.FireAndForget);
                observer.Completed(operations.Set, Stopwatch.GetElapsedTime(started));
                return;
            }
            catch (Exception exception) when (exception is RedisException or TimeoutException)
            {
                redis.ReportFailure(exception);
            }
        }
        _memory.Set(key, value, lifetime);
    }

    /// <summary>Keeps a value and waits until it is kept: for values the next request may need (a stored conversation).</summary>
    public async Task SetAsync(string key, byte[] value, TimeSpan lifetime)
    {
        if (redis.TryGetDatabase() is { } database)
        {
            try
            {
                var started = Stopwatch.GetTimestamp();
                await database.StringSetAsync(key, value, lifetime);
                observer.Completed(operations.Set, Stopwatch.GetElapsedTime(started));
                return;
            }
            catch (Exception exception) when (exception is RedisException or TimeoutException)
            {
                redis.ReportFailure(exception);
            }
        }
        _memory.Set(key, value, lifetime);
    }

    /// <summary>Removes the value wherever it is kept; false when there was none.</summary>
    public async Task<bool> DeleteAsync(string key)
    {
        var deleted = _memory.Remove(key);
        if (redis.TryGetDatabase() is { } database)
        {
            try
            {
                var started = Stopwatch.GetTimestamp();
                deleted |= await database.KeyDeleteAsync(key);
                if (operations.Delete is { } operation) observer.Completed(operation, Stopwatch.GetElapsedTime(started));
            }
            catch (Exception exception) when (exception is RedisException or TimeoutException)
            {
                redis.ReportFailure(exception);
            }
        }
        return deleted;
    }
}
