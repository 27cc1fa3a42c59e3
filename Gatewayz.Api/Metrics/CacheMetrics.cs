using Prometheus;

namespace Gatewayz.Api.Metrics;

/// <summary>Hits and misses per <see cref="CacheLayer"/>; every layer's series exist from start-up (at 0).</summary>
public sealed class CacheMetrics
{
    private static readonly string[] LayerLabels = ["auth", "rate_limit", "model_catalog", "response_cache", "trial_analytics"];

    private readonly Counter.Child[] _hits;
    private readonly Counter.Child[] _misses;

    public CacheMetrics(GatewayMetrics metrics)
    {
        _hits = [.. LayerLabels.Select(layer => metrics.CacheHits.WithLabels(layer))];
        _misses = [.. LayerLabels.Select(layer => metrics.CacheMisses.WithLabels(layer))];
        foreach (var child in _hits.Concat(_misses)) child.Publish();
    }

    public static string LabelOf(CacheLayer layer) => LayerLabels[(int)layer];

    public void Hit(CacheLayer layer) => _hits[(int)layer].Inc();

    public void Miss(CacheLayer layer) => _misses[(int)layer].Inc();
}
