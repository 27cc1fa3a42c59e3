using System.Collections.Concurrent;
using Gatewayz.Api.Metrics;

namespace Gatewayz.Api.Caching;

/// <summary>
/// A small in-process cache with a fixed time to live that counts hits and misses for its layer.
/// Bounded: when it holds <paramref name="maxEntries"/> it starts over rather than grow.
/// </summary>
public sealed class ExpiringCache<TKey, TValue>(CacheLayer layer, CacheMetrics metrics, TimeProvider time, TimeSpan timeToLive, int maxEntries = 10_000)
    where TKey : notnull
    where TValue : class
{
    private readonly ConcurrentDictionary<TKey, Entry> _entries = new();
    private readonly long _ttlTicks = (long)(timeToLive.TotalSeconds * time.TimestampFrequency);

    public async ValueTask<TValue?> GetOrLoadAsync<TState>(TKey key, TState state, Func<TState, CancellationToken, ValueTask<TValue?>> load,
        CancellationToken cancellationToken)
    {
        var now = time.GetTimestamp();
        if (_entries.TryGetValue(key, out var entry) && entry.ExpiresAt > now)
        {
            metrics.Hit(layer);
            return entry.Value;
        }
        metrics.Miss(layer);
        var value = await load(state, cancellationToken);
        if (value is not null && _ttlTicks > 0)
        {
            if (_entries.Count >= maxEntries) _entries.Clear();
            _entries[key] = new Entry(value, now + _ttlTicks);
        }
        return value;
    }

    public void Remove(TKey key) => _entries.TryRemove(key, out _);

    private sealed record Entry(TValue Value, long ExpiresAt);
}
