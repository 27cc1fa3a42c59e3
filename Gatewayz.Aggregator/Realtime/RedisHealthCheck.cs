using Gatewayz.RealtimeMetrics;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Gatewayz.Aggregator.Realtime;

public sealed class RedisHealthCheck(RedisConnection connection) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        if (connection.TryGetDatabase() is not { } database)
            return HealthCheckResult.Unhealthy("Redis is not reachable.");
        try
        {
            await database.PingAsync();
            return HealthCheckResult.Healthy();
        }
        catch (Exception exception) when (exception is StackExchange.Redis.RedisException or TimeoutException)
        {
            return HealthCheckResult.Unhealthy("Redis did not answer a PING.", exception);
        }
    }
}
