using System.Collections.Concurrent;

namespace Gatewayz.Api.Caching;

/// <summary>
/// Byte values in memory, for when Redis is not configured or down: each with its own lifetime, and a bound on
/// entries (past it the expired ones go, then all of them: a fallback must not grow without limit).
/// </summary>
internal sealed class MemoryBlobs(TimeProvider time, int maxEntries)
{
    private readonly ConcurrentDictionary<string, (byte[] Value, DateTimeOffset ExpiresAt)> _entries = new(StringComparer.Ordinal);

    public byte[]? Get(string key) =>
        _entries.TryGetValue(key, out var entry) && entry.ExpiresAt > time.GetUtcNow() ? entry.Value : null;

    public void Set(string key, byte[] value, TimeSpan lifetime)
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
        _entries[key] = (value, time.GetUtcNow() + lifetime);
    }

    /// <summary>Removes the value; false when there was none that had not expired.</summary>
    public bool Remove(string key) =>
        _entries.TryRemove(key, out var entry) && entry.ExpiresAt > time.GetUtcNow();
}
