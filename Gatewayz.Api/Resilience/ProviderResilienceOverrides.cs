namespace Gatewayz.Api.Resilience;

/// <summary><c>Gatewayz:Resilience:Providers:{name}</c>: settings that differ for one provider.</summary>
public sealed class ProviderResilienceOverrides
{
    public CircuitBreakerOverrides? CircuitBreaker { get; set; }

    public RetryOverrides? Retry { get; set; }
}
