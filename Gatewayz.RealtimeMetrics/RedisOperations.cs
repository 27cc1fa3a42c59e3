namespace Gatewayz.RealtimeMetrics;

/// <summary>The fixed names of Redis operations, used as the <c>operation</c> label of the latency histogram.</summary>
public static class RedisOperations
{
    public const string RealtimeFlush = "realtime_flush";
    public const string RealtimeRead = "realtime_read";
    public const string RealtimeDelete = "realtime_delete";
    public const string RateLimit = "rate_limit";
    public const string ResponseCacheGet = "response_cache_get";
    public const string ResponseCacheSet = "response_cache_set";
    public const string ApiKeyInvalidation = "api_key_invalidation";
    public const string ResponseStoreGet = "response_store_get";
    public const string ResponseStoreSet = "response_store_set";
    public const string ResponseStoreDelete = "response_store_delete";

    public static IReadOnlyList<string> All { get; } =
        [RealtimeFlush, RealtimeRead, RealtimeDelete, RateLimit, ResponseCacheGet, ResponseCacheSet, ApiKeyInvalidation,
         ResponseStoreGet, ResponseStoreSet, ResponseStoreDelete];
}
