using Gatewayz.RealtimeMetrics;

namespace Gatewayz.Api.Metrics;

/// <summary>
/// The one place that turns <see cref="RedisConnection.ConnectionFailed"/> into
/// <c>gatewayz_redis_connection_failures_total</c>.
/// </summary>
public sealed class RedisFailureCounter(RedisConnection redis, GatewayMetrics metrics) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken)
    {
        redis.ConnectionFailed += Count;
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken)
    {
        redis.ConnectionFailed -= Count;
        return Task.CompletedTask;
    }

    private void Count() => metrics.RedisConnectionFailures.Inc();
}
