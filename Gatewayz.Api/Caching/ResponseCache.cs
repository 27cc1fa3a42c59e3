using System.Diagnostics;
using Gatewayz.Api.Auth;
using Gatewayz.Api.Catalog;
using Gatewayz.Api.Chat;
using Gatewayz.Api.Metrics;
using Gatewayz.Api.Profiling;
using Gatewayz.Api.RateLimiting;
using Gatewayz.RealtimeMetrics;
using Microsoft.Extensions.Options;
using StackExchange.Redis;

namespace Gatewayz.Api.Caching;

/// <summary>
/// The opt-in <c>response_cache</c> layer for identical non-streaming requests: asked for with
/// <c>x-gatewayz-cache: on</c> (or for every request with <see cref="CacheOptions.ResponseCacheByDefault"/>,
/// unless <c>x-gatewayz-cache: off</c>). Bodies live in Redis when it is reachable and in a bounded memory
/// cache otherwise. Callers authenticate and rate-limit before asking, so a hit is never free of either.
/// </summary>
public sealed class ResponseCache(RedisConnection redis, IRedisOperationObserver observer, CacheMetrics metrics, TimeProvider time,
    IOptions<CacheOptions> options)
{
    public const string HeaderName = "x-gatewayz-cache";

    private readonly CacheOptions _options = options.Value;
    private readonly MemoryResponseCache _memory = new(time, TimeSpan.FromSeconds(options.Value.ResponseCacheSeconds), options.Value.ResponseCacheMemoryEntries);

    /// <summary>The cache key when this request uses the cache, otherwise null.</summary>
    public string? KeyFor(HttpRequest httpRequest, ClientIdentity client, CatalogModel model, ChatRequest request, string apiFormat)
    {
        if (request.Stream) return null;
        var header = httpRequest.Headers[HeaderName];
        var optedIn = header.Count == 0 ? _options.ResponseCacheByDefault : string.Equals(header[0], "on", StringComparison.OrdinalIgnoreCase);
        return optedIn ? RequestFingerprint.Compute(apiFormat, RateLimitRequest.UserOf(client), model.Id, request.ClientBody) : null;
    }

    /// <summary>Writes the cached answer and returns true on a hit.</summary>
    public async Task<bool> TryServeAsync(HttpContext context, string? key)
    {
        if (key is null) return false;
        byte[]? cached;
        using (ProfilingLabels.Enter(CacheLayer.ResponseCache))
            cached = await GetAsync(key);
        if (cached is null)
        {
            metrics.Miss(CacheLayer.ResponseCache);
            context.Response.Headers[HeaderName] = "miss";
            return false;
        }
        metrics.Hit(CacheLayer.ResponseCache);
        context.Response.Headers[HeaderName] = "hit";
        await Streaming.JsonResponse.WriteAsync(context.Response, cached, context.RequestAborted);
        return true;
    }

    /// <summary>Keeps a fresh answer (without waiting for Redis).</summary>
    public void Store(string? key, ReadOnlyMemory<byte> body)
    {
        if (key is null || body.Length > _options.ResponseCacheMaxBytes) return;
        var bytes = body.ToArray();
        if (redis.TryGetDatabase() is { } database)
        {
            try
            {
                var started = Stopwatch.GetTimestamp();
                database.StringSet(RedisKeys.ResponseCache(key), bytes, TimeSpan.FromSeconds(_options.ResponseCacheSeconds), flags: CommandFlags.FireAndForget);
                observer.Completed(RedisOperations.ResponseCacheSet, Stopwatch.GetElapsedTime(started));
                return;
            }
            catch (Exception exception) when (exception is RedisException or TimeoutException)
            {
                redis.ReportFailure(exception);
            }
        }
        _memory.Set(key, bytes);
    }

    private async Task<byte[]?> GetAsync(string key)
    {
        if (redis.TryGetDatabase() is { } database)
        {
            try
            {
                var started = Stopwatch.GetTimestamp();
                var value = await database.StringGetAsync(RedisKeys.ResponseCache(key));
                observer.Completed(RedisOperations.ResponseCacheGet, Stopwatch.GetElapsedTime(started));
                if (value.HasValue) return (byte[])value!;
            }
            catch (Exception exception) when (exception is RedisException or TimeoutException)
            {
                redis.ReportFailure(exception);
            }
        }
        return _memory.Get(key);
    }
}
