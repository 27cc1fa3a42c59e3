using System.Collections.Concurrent;

namespace Gatewayz.Api.Metrics;

/// <summary>
/// Label children per (first, second) label pair, created once. The pairs are bounded by design
/// (catalog routes, route templates), so the cache is too.
/// </summary>
internal sealed class SeriesCache<TSeries>(GatewayMetrics metrics, Func<GatewayMetrics, string, string, TSeries> create)
{
    private readonly ConcurrentDictionary<(string, string), TSeries> _series = new();

    public TSeries Get(string first, string second) =>
        _series.TryGetValue((first, second), out var series)
            ? series
            : _series.GetOrAdd((first, second), static (key, state) => state.create(state.metrics, key.Item1, key.Item2), (metrics, create));
}
