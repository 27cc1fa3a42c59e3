using L = Gatewayz.Api.Metrics.MetricLabels;

namespace Gatewayz.Api.Metrics;

/// <summary>
/// Every metric the gateway exports, in one place: docs/metrics.md, the cardinality test and the rule checks all read it. Names follow Prometheus conventions:
/// one <c>gatewayz_</c> namespace, base units in the name, <c>_total</c> on counters, ratios 0–1
/// except health scores, which are 0–100 as the health monitor computes them.
/// </summary>
public static class MetricCatalog
{
    public const string Namespace = "gatewayz_";

    // HTTP
    public static readonly MetricDefinition HttpRequests = new(
        "gatewayz_http_requests_total", MetricKind.Counter, "HTTP requests handled, by route template and status code.",
        [L.Method, L.Route, L.StatusCode], MetricCategory.System, "requests", "Four Golden Signals (traffic, errors); HighHttp5xxRate, HighHttp4xxRate");
    public static readonly MetricDefinition HttpRequestDuration = new(
        "gatewayz_http_request_duration_seconds", MetricKind.Histogram, "Time to handle an HTTP request, to the last byte of the response.",
        [L.Method, L.Route], MetricCategory.Performance, "seconds", "Four Golden Signals (latency); HighApiLatency", Buckets.HttpSeconds);
    public static readonly MetricDefinition HttpRequestsInProgress = new(
        "gatewayz_http_requests_in_progress", MetricKind.Gauge, "HTTP requests being handled right now.",
        [L.Method, L.Route], MetricCategory.System, "requests", "Four Golden Signals (saturation)");
    public static readonly MetricDefinition HttpRequestSize = new(
        "gatewayz_http_request_size_bytes", MetricKind.Histogram, "Size of HTTP request bodies.",
        [L.Method, L.Route], MetricCategory.System, "bytes", "Backend Services", Buckets.SizeBytes);
    public static readonly MetricDefinition HttpResponseSize = new(
        "gatewayz_http_response_size_bytes", MetricKind.Histogram, "Size of HTTP response bodies.",
        [L.Method, L.Route], MetricCategory.System, "bytes", "Backend Services", Buckets.SizeBytes);
    public static readonly MetricDefinition HttpExceptions = new(
        "gatewayz_http_exceptions_total", MetricKind.Counter, "Unhandled exceptions while handling HTTP requests, by exception type.",
        [L.Route, L.ExceptionType], MetricCategory.System, "exceptions", "Backend Services; UnhandledExceptions");

    // Inference
    public static readonly MetricDefinition InferenceRequests = new(
        "gatewayz_inference_requests_total", MetricKind.Counter, "Model calls per upstream attempt, by outcome (success, the error type, or cancelled when the client left; a stream left midway still counts its delivered tokens and cost).",
        [L.Provider, L.Model, L.Status], MetricCategory.Models, "requests", "Model Performance, Provider Health; HighModelErrorRate, ProviderHighErrorRate");
    public static readonly MetricDefinition InferenceDuration = new(
        "gatewayz_inference_duration_seconds", MetricKind.Histogram, "Duration of successful model calls, from sending to the last token.",
        [L.Provider, L.Model], MetricCategory.Performance, "seconds", "Model Performance (latency, exemplars); ModelLatencyHigh", Buckets.InferenceSeconds);
    public static readonly MetricDefinition TimeToFirstChunk = new(
        "gatewayz_inference_time_to_first_chunk_seconds", MetricKind.Histogram, "Time from sending a streaming call to its first chunk.",
        [L.Provider, L.Model], MetricCategory.Performance, "seconds", "Inference Call Profile", Buckets.FirstChunkSeconds);
    public static readonly MetricDefinition StreamingDuration = new(
        "gatewayz_inference_streaming_duration_seconds", MetricKind.Histogram, "Time from the first chunk of a stream to its end.",
        [L.Provider, L.Model], MetricCategory.Performance, "seconds", "Inference Call Profile", Buckets.InferenceSeconds);
    public static readonly MetricDefinition TokensUsed = new(
        "gatewayz_tokens_used_total", MetricKind.Counter, "Tokens consumed, by type (input or output).",
        [L.Provider, L.Model, L.TokenType], MetricCategory.Models, "tokens", "Model Usage, Executive Overview; TokenUsageSpike");
    public static readonly MetricDefinition CreditsUsed = new(
        "gatewayz_credits_used_total", MetricKind.Counter, "Credits debited from clients (1 credit = 1 US dollar at list price).",
        [L.Provider, L.Model], MetricCategory.Business, "credits", "Business Metrics; CreditBurnSpike");
    public static readonly MetricDefinition CreditDebitsDeadLettered = new(
        "gatewayz_credit_debits_dead_lettered_total", MetricKind.Counter, "Credit debits Postgres refused for good, kept in the credit_dead_letters table instead of the ledger, by reason (data_exception, constraint_violation).",
        [L.Reason], MetricCategory.Business, "debits", "CreditDebitsDeadLettered");
    public static readonly MetricDefinition Cost = new(
        "gatewayz_cost_dollars_total", MetricKind.Counter, "Upstream cost of model calls at the configured prices.",
        [L.Provider, L.Model], MetricCategory.Business, "dollars", "Business Metrics, Gateway Comparison; HighCostRate");

    // Provider health and resilience
    public static readonly MetricDefinition ProviderAvailability = new(
        "gatewayz_provider_availability", MetricKind.Gauge, "1 when the provider's last active probe succeeded, 0 when it failed.",
        [L.Provider], MetricCategory.Providers, "boolean", "Provider Health; ProviderDown");
    public static readonly MetricDefinition ProviderErrorRate = new(
        "gatewayz_provider_error_rate", MetricKind.Gauge, "Share of failed calls over the health window (0–1).",
        [L.Provider], MetricCategory.Providers, "ratio", "Provider Health");
    public static readonly MetricDefinition ProviderResponseTime = new(
        "gatewayz_provider_response_time_seconds", MetricKind.Histogram, "Upstream response time per attempt, failures included.",
        [L.Provider], MetricCategory.Providers, "seconds", "Provider Health; SlowProviderResponse", Buckets.InferenceSeconds);
    public static readonly MetricDefinition ProviderHealthScore = new(
        "gatewayz_provider_health_score", MetricKind.Gauge, "Provider health 0–100: availability 40 %, 1 − error rate 30 %, latency score 30 %.",
        [L.Provider], MetricCategory.Providers, "score", "Provider Health, Executive Overview; ProviderUnhealthy, ProviderDegraded");
    public static readonly MetricDefinition ModelHealthScore = new(
        "gatewayz_model_health_score", MetricKind.Gauge, "Health 0–100 of one model on one provider, same formula as the provider score.",
        [L.Provider, L.Model], MetricCategory.Providers, "score", "Provider Health, Model Performance");
    public static readonly MetricDefinition CircuitBreakerState = new(
        "gatewayz_circuit_breaker_state", MetricKind.Gauge, "1 for the route's current breaker state (closed, open, half_open), 0 for the others.",
        [L.Provider, L.Model, L.State], MetricCategory.Providers, "state", "Provider Health (state timeline); CircuitBreakerOpen, MultipleCircuitBreakersOpen");
    public static readonly MetricDefinition CircuitBreakerFailures = new(
        "gatewayz_circuit_breaker_failures_total", MetricKind.Counter, "Failures counted by a route's circuit breaker.",
        [L.Provider, L.Model], MetricCategory.Providers, "failures", "Provider Health");
    public static readonly MetricDefinition CircuitBreakerTransitions = new(
        "gatewayz_circuit_breaker_transitions_total", MetricKind.Counter, "Circuit breaker state changes, by the state entered.",
        [L.Provider, L.Model, L.State], MetricCategory.Providers, "transitions", "Provider Health");
    public static readonly MetricDefinition Failovers = new(
        "gatewayz_failovers_total", MetricKind.Counter, "Requests moved from a route to the model's next route, by why.",
        [L.Provider, L.Model, L.Reason], MetricCategory.Providers, "failovers", "Provider Health; FailoverSurge");
    public static readonly MetricDefinition Retries = new(
        "gatewayz_retries_total", MetricKind.Counter, "Retries of an upstream call on the same route, by error type.",
        [L.Provider, L.Model, L.ErrorType], MetricCategory.Providers, "retries", "Provider Health");

    // Caches, rate limits, storage
    public static readonly MetricDefinition CacheHits = new(
        "gatewayz_cache_hits_total", MetricKind.Counter, "Cache hits by layer (auth, rate_limit, model_catalog, response_cache, trial_analytics).",
        [L.CacheLayer], MetricCategory.Performance, "hits", "Cache Layer Profile; LowCacheHitRate");
    public static readonly MetricDefinition CacheMisses = new(
        "gatewayz_cache_misses_total", MetricKind.Counter, "Cache misses by layer.",
        [L.CacheLayer], MetricCategory.Performance, "misses", "Cache Layer Profile; LowCacheHitRate");
    public static readonly MetricDefinition RateLimitHits = new(
        "gatewayz_rate_limit_hits_total", MetricKind.Counter, "Requests refused by a rate limit, by limit type.",
        [L.LimitType], MetricCategory.System, "requests", "Four Golden Signals; HighRateLimitHits, CriticalRateLimitHits, RateLimitSpike");
    public static readonly MetricDefinition DatabaseQueries = new(
        "gatewayz_database_queries_total", MetricKind.Counter, "Database queries by operation and outcome.",
        [L.Operation, L.Status], MetricCategory.Performance, "queries", "Database Performance; HighDatabaseErrorRate");
    public static readonly MetricDefinition DatabaseQueryDuration = new(
        "gatewayz_database_query_duration_seconds", MetricKind.Histogram, "Database query duration by operation.",
        [L.Operation], MetricCategory.Performance, "seconds", "Database Performance; DatabaseQuerySlow", Buckets.FastOperationSeconds);
    public static readonly MetricDefinition RedisConnectionFailures = new(
        "gatewayz_redis_connection_failures_total", MetricKind.Counter, "Redis operations that failed because Redis was unreachable; the gateway fell back to memory.",
        [], MetricCategory.System, "failures", "Backend Services; RedisConnectionFailures");
    public static readonly MetricDefinition RedisOperationDuration = new(
        "gatewayz_redis_operation_duration_seconds", MetricKind.Histogram, "Redis round trips by operation.",
        [L.Operation], MetricCategory.Performance, "seconds", "Backend Services", Buckets.FastOperationSeconds);
    public static readonly MetricDefinition RealtimeOutcomesDropped = new(
        "gatewayz_realtime_outcomes_dropped_total", MetricKind.Counter, "Request outcomes the real-time store dropped because its write queue was full.",
        [], MetricCategory.System, "outcomes", "Backend Services");

    // Business
    public static readonly MetricDefinition ActiveApiKeys = new(
        "gatewayz_active_api_keys", MetricKind.Gauge, "API keys that are active (not revoked).",
        [], MetricCategory.Business, "keys", "Business Metrics, Executive Overview");
    public static readonly MetricDefinition ActiveSubscriptions = new(
        "gatewayz_active_subscriptions", MetricKind.Gauge, "Active subscriptions by plan tier.",
        [L.Tier], MetricCategory.Business, "subscriptions", "Business Metrics");
    public static readonly MetricDefinition ActiveTrials = new(
        "gatewayz_active_trials", MetricKind.Gauge, "Trials started and not yet converted or expired.",
        [], MetricCategory.Business, "trials", "Business Metrics (trial funnel)");
    public static readonly MetricDefinition ModelUptime24h = new(
        "gatewayz_model_uptime_24h_ratio", MetricKind.Gauge, "Share of successful calls per model over the last 24 hours (0–1).",
        [L.Model], MetricCategory.Models, "ratio", "Model Performance; ModelUptimeSlo");
    public static readonly MetricDefinition TokenEfficiency = new(
        "gatewayz_token_efficiency_ratio", MetricKind.Gauge, "Output tokens per input token per model, since start.",
        [L.Model], MetricCategory.Models, "ratio", "Model Usage");
    public static readonly MetricDefinition AnomaliesDetected = new(
        "gatewayz_anomalies_detected_total", MetricKind.Counter, "Anomalies found by the analytics service (cost_spike, latency_spike, error_surge).",
        [L.AnomalyType], MetricCategory.Business, "anomalies", "Anomaly Detection; AnomalyDetected");
    public static readonly MetricDefinition BuildInfo = new(
        "gatewayz_build_info", MetricKind.Gauge, "Always 1; labels carry the running version and environment.",
        [L.Version, L.Environment], MetricCategory.System, "info", "Executive Overview");

    public static IReadOnlyList<MetricDefinition> All { get; } =
    [
        HttpRequests, HttpRequestDuration, HttpRequestsInProgress, HttpRequestSize, HttpResponseSize, HttpExceptions,
        InferenceRequests, InferenceDuration, TimeToFirstChunk, StreamingDuration, TokensUsed, CreditsUsed, CreditDebitsDeadLettered, Cost,
        ProviderAvailability, ProviderErrorRate, ProviderResponseTime, ProviderHealthScore, ModelHealthScore,
        CircuitBreakerState, CircuitBreakerFailures, CircuitBreakerTransitions, Failovers, Retries,
        CacheHits, CacheMisses, RateLimitHits, DatabaseQueries, DatabaseQueryDuration, RedisConnectionFailures, RedisOperationDuration,
        RealtimeOutcomesDropped,
        ActiveApiKeys, ActiveSubscriptions, ActiveTrials, ModelUptime24h, TokenEfficiency, AnomaliesDetected, BuildInfo,
    ];
}
