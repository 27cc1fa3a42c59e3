using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Gatewayz.AppHost.Processes;

/// <summary>
/// Healthy when a client can use the resource's connection string. That string (its allocated port) exists only
/// once the app runs, so the client check is made on the first probe and reused after.
/// </summary>
internal sealed class ConnectionStringHealthCheck(IResourceWithConnectionString resource, Func<string, IHealthCheck> createCheck)
    : IHealthCheck
{
    private IHealthCheck? _check;

    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        if (_check is null)
        {
            var connectionString = await resource.GetConnectionStringAsync(cancellationToken);
            if (string.IsNullOrEmpty(connectionString))
                return HealthCheckResult.Unhealthy($"{resource.Name} has no connection string yet");
            _check = createCheck(connectionString);
        }
        return await _check.CheckHealthAsync(context, cancellationToken);
    }
}
