namespace Gatewayz.RealtimeMetrics;

/// <summary>
/// The Redis key layout shared by every gateway replica and the aggregator (see docs/realtime-store.md).
/// Field names inside the hourly hashes are <c>{provider}|{model}|{counter}</c>.
/// </summary>
public static class RedisKeys
{
    public const string Prefix = "gwz:";

    /// <summary>Set of hour names that hold data (so readers never need KEYS/SCAN).</summary>
    public const string Hours = Prefix + "rt:hours";

    /// <summary>Hash of counters for one hour: requests, successes, failures, tokens_in, tokens_out, cost_micros, err:{type}.</summary>
    public static string HourCounters(string hour) => $"{Prefix}rt:{{{hour}}}:counters";

    /// <summary>Hash of latency bucket counts for one hour: field <c>{provider}|{model}|{bucket}</c>.</summary>
    public static string HourLatency(string hour) => $"{Prefix}rt:{{{hour}}}:latency";

    /// <summary>List of the provider's most recent errors, newest first, trimmed to 100.</summary>
    public static string RecentErrors(string provider) => $"{Prefix}rt:errors:{provider}";

    /// <summary>Hash provider → JSON health snapshot (score 0–100, status, updated).</summary>
    public const string ProviderHealth = Prefix + "health:providers";

    /// <summary>Hash <c>{provider}|{model}</c> → JSON health snapshot.</summary>
    public const string ModelHealth = Prefix + "health:models";

    /// <summary>Hash <c>{provider}|{model}</c> → JSON circuit breaker snapshot (state, failures, open until).</summary>
    public const string CircuitBreakers = Prefix + "breakers";

    /// <summary>Rate-limit window counters: <c>{limit type}:{subject}:{window start}</c>.</summary>
    public static string RateLimit(string limitType, string subject, long windowStart) => $"{Prefix}rl:{limitType}:{subject}:{windowStart}";

    /// <summary>A cached response body for the SHA-256 (hex) of a normalized request; expires with the cache's TTL.</summary>
    public static string ResponseCache(string requestHash) => $"{Prefix}cache:resp:{requestHash}";

    /// <summary>
    /// A response of the Responses API kept for <c>previous_response_id</c> and <c>GET /v1/responses/{id}</c>: its owner,
    /// the conversation before its output, and the response object; expires with <c>Gatewayz:Responses:StoreSeconds</c>.
    /// </summary>
    public static string StoredResponse(string responseId) => $"{Prefix}responses:{responseId}";

    /// <summary>Pub/sub channel: the SHA-256 (hex) of an API key that was revoked or created, for every replica's auth cache to drop.</summary>
    public const string ApiKeyInvalidations = Prefix + "auth:key-changed";

    public const char FieldSeparator = '|';

    public static string Field(string provider, string model, string counter) => $"{provider}|{model}|{counter}";
}
