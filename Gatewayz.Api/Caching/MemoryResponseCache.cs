using System.Collections.Concurrent;

namespace Gatewayz.Api.Caching;

/// <summary>Response bodies in memory (without Redis or while it is down): a fixed lifetime and a bound on entries.</summary>
internal sealed class MemoryResponseCache(TimeProvider time, TimeSpan timeToLive, int maxEntries)
{
    private readonly ConcurrentDictionary<string, (byte[] Body, DateTimeOffset ExpiresAt)> _entries = new(StringComparer.Ordinal);

    public byte[]? Get(string key) =>
        _entries.TryGetValue(key, out var entry) && entry.ExpiresAt > time.GetUtcNow() ? entry.Body : null;

    public void Set(string key, byte[] body)
    {
        if (_entries.Count >= maxEntries)
        {
            var now = time.GetUtcNow();
            foreach (var (oldKey, entry) in _entries)
            {
                if (entry.ExpiresAt <= now) _entries.TryRemove(oldKey, out _);
            }
            if (_entries.Count >= maxEntries) _entries.Clear();
        }
        _entries[key] = (body, time.GetUtcNow() + timeToLive);
    }
}
