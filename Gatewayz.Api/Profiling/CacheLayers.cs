namespace Gatewayz.Api.Profiling;

/// <summary>The cache layers profiles are broken down by (seed 000's Cache Layer Profile dashboard).</summary>
public static class CacheLayers
{
    public const string Auth = "auth";
    public const string RateLimit = "rate_limit";
    public const string ModelCatalog = "model_catalog";
    public const string ResponseCache = "response_cache";
    public const string TrialAnalytics = "trial_analytics";
}
