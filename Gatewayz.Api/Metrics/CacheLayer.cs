namespace Gatewayz.Api.Metrics;

/// <summary>The fixed cache layers of <c>gatewayz_cache_hits_total</c> / <c>_misses_total</c>.</summary>
public enum CacheLayer
{
    Auth,
    RateLimit,
    ModelCatalog,
    ResponseCache,
    TrialAnalytics,
}
