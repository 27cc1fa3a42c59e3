using Gatewayz.Api.Auth;
using Gatewayz.Api.Catalog;
using Gatewayz.Api.Chat;
using Gatewayz.Api.Metrics;
using Gatewayz.Api.Profiling;
using Gatewayz.Api.RateLimiting;
using Gatewayz.RealtimeMetrics;
using Microsoft.Extensions.Options;

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
    private readonly ExpiringBlobStore _bodies = new(redis, observer, time,
        new(RedisOperations.ResponseCacheGet, RedisOperations.ResponseCacheSet), options.Value.ResponseCacheMemoryEntries);

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
            cached = await _bodies.GetAsync(RedisKeys.ResponseCache(key));
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
        _bodies.SetAndForget(RedisKeys.ResponseCache(key), body.ToArray(), TimeSpan.FromSeconds(_options.ResponseCacheSeconds));
    }
}
