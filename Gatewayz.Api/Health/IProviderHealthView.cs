namespace Gatewayz.Api.Health;

/// <summary>Read-only view of provider health and circuit breakers, shared by all replicas through Redis.</summary>
public interface IProviderHealthView
{
    Task<IReadOnlyList<ProviderHealthSnapshot>> GetProviderHealthAsync(CancellationToken cancellationToken);

    Task<IReadOnlyList<ModelHealthSnapshot>> GetModelHealthAsync(CancellationToken cancellationToken);

    Task<IReadOnlyList<CircuitBreakerSnapshot>> GetCircuitBreakersAsync(CancellationToken cancellationToken);
}
