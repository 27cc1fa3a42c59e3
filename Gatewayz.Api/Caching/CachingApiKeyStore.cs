using System.Collections.Concurrent;
using Gatewayz.Api.Auth;
using Gatewayz.Api.Metrics;
using Gatewayz.Api.Profiling;

namespace Gatewayz.Api.Caching;

/// <summary>
/// The <c>auth</c> cache layer in front of the real <see cref="IApiKeyStore"/> (configured keys, then the account database):
/// <list type="bullet">
/// <item>a resolved key is trusted for <see cref="CacheOptions.ApiKeySeconds"/>, a key the store does not know is
/// answered as unknown for <see cref="CacheOptions.UnknownApiKeySeconds"/>;</item>
/// <item>a key is looked up once at a time: requests for a key being looked up share that lookup, or use the key's
/// previous answer meanwhile when it is recent enough (so a hanging database holds up one request per key, not all);</item>
/// <item>while the store is unreachable, a key's last answer is used until it is <see cref="CacheOptions.StaleApiKeyMaxAgeSeconds"/>
/// old, and the store is asked again for that key at most once per <see cref="StaleRetryInterval"/>; beyond that age
/// the store's failure reaches the caller (a 503);</item>
/// <item>a key that changed (revoked, created) is dropped at once by <see cref="Forget"/>, on every replica through
/// <see cref="ApiKeyInvalidations"/>.</item>
/// </list>
/// A hit allocates nothing. (FusionCache, on the package mirror, has stale answers and a Redis backplane, but keys its
/// entries by string and allocates on every hit, and this layer answers every request.)
/// </summary>
public sealed class CachingApiKeyStore : IApiKeyStore
{
    /// <summary>While the store is unreachable, how often a key answered from its last lookup is looked up again.</summary>
    public static readonly TimeSpan StaleRetryInterval = TimeSpan.FromSeconds(1);

    private const int MaxEntries = 10_000;

    private readonly IApiKeyStore _inner;
    private readonly CacheMetrics _metrics;
    private readonly TimeProvider _time;
    private readonly ILogger<CachingApiKeyStore> _logger;
    private readonly TimeSpan _staleAge;
    private readonly long _knownTicks;
    private readonly long _unknownTicks;
    private readonly long _staleTicks;
    private readonly long _retryTicks;

    // Known and unknown keys apart, each bounded on its own: a flood of made-up keys can only push out other made-up keys.
    private readonly ConcurrentDictionary<ApiKeyHash, Entry> _known = new();
    private readonly ConcurrentDictionary<ApiKeyHash, Entry> _unknown = new();
    private readonly ConcurrentDictionary<ApiKeyHash, Task<ClientIdentity?>> _lookups = new();

    // Bumped by every Forget and ExpireAll: a lookup that overlapped one must not cache what it read before it.
    private long _invalidations;
    private int _servingStale;

    /// <param name="inner">The store that knows the keys.</param>
    /// <param name="metrics">Counts this layer's hits and misses.</param>
    /// <param name="time">The clock the lifetimes are measured on.</param>
    /// <param name="options">The lifetimes: <see cref="CacheOptions.ApiKeySeconds"/>, <see cref="CacheOptions.UnknownApiKeySeconds"/>, <see cref="CacheOptions.StaleApiKeyMaxAgeSeconds"/>.</param>
    /// <param name="logger">Says when keys start and stop being answered from their last lookup.</param>
    public CachingApiKeyStore(IApiKeyStore inner, CacheMetrics metrics, TimeProvider time, CacheOptions options, ILogger<CachingApiKeyStore> logger)
    {
        _inner = inner;
        _metrics = metrics;
        _time = time;
        _logger = logger;
        _staleAge = TimeSpan.FromSeconds(options.StaleApiKeyMaxAgeSeconds);
        _knownTicks = Ticks(TimeSpan.FromSeconds(options.ApiKeySeconds));
        _unknownTicks = Ticks(TimeSpan.FromSeconds(options.UnknownApiKeySeconds));
        _staleTicks = Ticks(_staleAge);
        _retryTicks = Ticks(StaleRetryInterval);
    }

    /// <summary>
    /// Answers from the cache alone, never asking the store: true, with the identity (null for a key known to be
    /// unknown), when the cache has a current answer for the key.
    /// </summary>
    public bool TryGetCached(ApiKeyHash hash, out ClientIdentity? identity)
    {
        if (Current(hash) is { } entry)
        {
            _metrics.Hit(CacheLayer.Auth);
            identity = entry.Identity;
            return true;
        }
        identity = null;
        return false;
    }

    /// <inheritdoc/>
    /// <exception cref="ApiKeyStoreUnavailableException">The store is unreachable and the key has no answer recent enough to use.</exception>
    public ValueTask<ClientIdentity?> FindAsync(ApiKeyHash hash, CancellationToken cancellationToken)
    {
        // The label flows into a miss's lookup too: its continuation captured the context.
        using (ProfilingLabels.Enter(CacheLayer.Auth))
        {
            if (TryGetCached(hash, out var identity))
                return ValueTask.FromResult(identity);
            _metrics.Miss(CacheLayer.Auth);
            return new ValueTask<ClientIdentity?>(LookUpAsync(hash, cancellationToken));
        }
    }

    /// <summary>Drops a key that changed (revoked, or created while cached as unknown): the next request for it asks the store.</summary>
    public void Forget(ApiKeyHash hash)
    {
        Interlocked.Increment(ref _invalidations);
        _known.TryRemove(hash, out _);
        _unknown.TryRemove(hash, out _);
    }

    /// <summary>
    /// Makes every answer due for a fresh lookup, keeping it as a stale answer for an unreachable store. For when
    /// changes may have been missed (the broadcast of them was interrupted).
    /// </summary>
    public void ExpireAll()
    {
        Interlocked.Increment(ref _invalidations);
        ExpireAll(_known);
        ExpireAll(_unknown);
    }

    /// <inheritdoc/>
    public ValueTask<int?> CountActiveAsync(CancellationToken cancellationToken) => _inner.CountActiveAsync(cancellationToken);

    private async Task<ClientIdentity?> LookUpAsync(ApiKeyHash hash, CancellationToken cancellationToken)
    {
        var mine = new TaskCompletionSource<ClientIdentity?>(TaskCreationOptions.RunContinuationsAsynchronously);
        var lookup = _lookups.GetOrAdd(hash, mine.Task);
        if (lookup == mine.Task)
            _ = RunLookupAsync(hash, mine);
        else if (Usable(hash) is { } previous)
            return previous.Identity;
        try
        {
            return await lookup.WaitAsync(cancellationToken);
        }
        catch (ApiKeyStoreUnavailableException) when (Usable(hash) is { } last)
        {
            if (Interlocked.Exchange(ref _servingStale, 1) == 0)
                _logger.LogWarning("The API key store is unreachable: keys are answered from their last lookup until it is {MaxAge} old; keys without one get 503", _staleAge);
            return last.Identity;
        }
    }

    private async Task RunLookupAsync(ApiKeyHash hash, TaskCompletionSource<ClientIdentity?> completion)
    {
        var invalidations = Volatile.Read(ref _invalidations);
        try
        {
            // The lookup before this one may have stored its answer between the caller's look at the cache and now.
            if (Current(hash) is { } answered)
            {
                completion.SetResult(answered.Identity);
                return;
            }
            // Not the request's token: other requests share this lookup, and one client leaving must not fail the others.
            var identity = await _inner.FindAsync(hash, CancellationToken.None);
            if (Volatile.Read(ref _invalidations) == invalidations)
                Store(hash, identity);
            if (Interlocked.Exchange(ref _servingStale, 0) == 1)
                _logger.LogInformation("The API key store answers again: keys are looked up afresh");
            completion.SetResult(identity);
        }
        catch (ApiKeyStoreUnavailableException exception)
        {
            Postpone(hash);
            completion.SetException(exception);
        }
        catch (Exception exception)
        {
            completion.SetException(exception);
        }
        finally
        {
            _lookups.TryRemove(KeyValuePair.Create(hash, completion.Task));
        }
    }

    private void Store(ApiKeyHash hash, ClientIdentity? identity)
    {
        var (entries, other, lifetime) = identity is null ? (_unknown, _known, _unknownTicks) : (_known, _unknown, _knownTicks);
        other.TryRemove(hash, out _);
        if (lifetime <= 0)
        {
            entries.TryRemove(hash, out _);
            return;
        }
        if (entries.Count >= MaxEntries) entries.Clear();
        var now = _time.GetTimestamp();
        entries[hash] = new Entry(identity, now, now + lifetime);
    }

    /// <summary>The key's answer if it is current, else null.</summary>
    private Entry? Current(ApiKeyHash hash)
    {
        var now = _time.GetTimestamp();
        if (_known.TryGetValue(hash, out var entry) && entry.FreshUntil > now || _unknown.TryGetValue(hash, out entry) && entry.FreshUntil > now)
            return entry;
        return null;
    }

    /// <summary>The key's last answer if it is still young enough to stand in for the store, else null.</summary>
    private Entry? Usable(ApiKeyHash hash)
    {
        if (!_known.TryGetValue(hash, out var entry) && !_unknown.TryGetValue(hash, out entry))
            return null;
        return _time.GetTimestamp() - entry.ConfirmedAt <= _staleTicks ? entry : null;
    }

    /// <summary>After a failed lookup: the key's last answer counts as current for a moment, so the next requests do not ask the unreachable store again at once.</summary>
    private void Postpone(ApiKeyHash hash)
    {
        var now = _time.GetTimestamp();
        Postpone(_known, hash, now);
        Postpone(_unknown, hash, now);
    }

    private void Postpone(ConcurrentDictionary<ApiKeyHash, Entry> entries, ApiKeyHash hash, long now)
    {
        // Never past the stale age: that bound is counted from the last lookup that succeeded.
        if (entries.TryGetValue(hash, out var entry) && now - entry.ConfirmedAt <= _staleTicks)
            entries.TryUpdate(hash, entry with { FreshUntil = Math.Min(now + _retryTicks, entry.ConfirmedAt + _staleTicks) }, entry);
    }

    private static void ExpireAll(ConcurrentDictionary<ApiKeyHash, Entry> entries)
    {
        foreach (var (hash, entry) in entries)
            entries.TryUpdate(hash, entry with { FreshUntil = 0 }, entry);
    }

    private long Ticks(TimeSpan span) => (long)(span.TotalSeconds * _time.TimestampFrequency);

    /// <summary>One answer of the store: the identity (null: unknown key), when the store gave it, and until when it is current.</summary>
    private sealed record Entry(ClientIdentity? Identity, long ConfirmedAt, long FreshUntil);
}
