using Gatewayz.RealtimeMetrics;
using Prometheus;

namespace Gatewayz.Api.Metrics;

/// <summary>
/// The one place that turns <see cref="RedisConnection.ConnectionFailed"/> into
/// <c>gatewayz_redis_connection_failures_total</c>, whichever feature (real-time store, rate limits,
/// caches) found Redis unreachable.
/// </summary>
public sealed class RedisFailureCounter : IHostedService
{
    private readonly RedisConnection _connection;
    private readonly Counter _failures;

    public RedisFailureCounter(RedisConnection connection, GatewayMetrics metrics)
    {
        _connection = connection;
        _failures = metrics.RedisConnectionFailures;
        _connection.ConnectionFailed += Count;
    }

    private void Count() => _failures.Inc();

    public Task StartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StopAsync(CancellationToken cancellationToken)
    {
        _connection.ConnectionFailed -= Count;
        return Task.CompletedTask;
    }
}
