using System.Collections.Frozen;
using Gatewayz.RealtimeMetrics;
using Prometheus;

namespace Gatewayz.Api.Metrics;

/// <summary><c>gatewayz_redis_operation_duration_seconds</c>, one cached child per operation of <see cref="RedisOperations"/>.</summary>
public sealed class RedisOperationMetrics : IRedisOperationObserver
{
    private readonly FrozenDictionary<string, Histogram.Child> _byOperation;
    private readonly Histogram.Child _other;

    public RedisOperationMetrics(GatewayMetrics metrics)
    {
        _byOperation = RedisOperations.All.ToFrozenDictionary(operation => operation, operation => metrics.RedisOperationDuration.WithLabels(operation), StringComparer.Ordinal);
        _other = metrics.RedisOperationDuration.WithLabels(MetricLabels.Other);
    }

    public void Completed(string operation, TimeSpan duration) =>
        _byOperation.GetValueOrDefault(operation, _other).Observe(duration.TotalSeconds);
}
