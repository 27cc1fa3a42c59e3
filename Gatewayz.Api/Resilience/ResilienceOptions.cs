namespace Gatewayz.Api.Resilience;

/// <summary>The <c>Gatewayz:Resilience</c> section: circuit breakers, retries and the failover budget (docs/resilience.md).</summary>
public sealed class ResilienceOptions
{
    public const string SectionName = "Gatewayz:Resilience";

    /// <summary>Upper bound of upstream attempts for one request, retries and failovers together.</summary>
    public int MaxAttemptsPerRequest { get; set; } = 4;

    public CircuitBreakerSettings CircuitBreaker { get; set; } = new();

    public RetrySettings Retry { get; set; } = new();

    /// <summary>Per-provider deviations; unset fields inherit the sections above.</summary>
    public Dictionary<string, ProviderResilienceOverrides> Providers { get; set; } = new(StringComparer.OrdinalIgnoreCase);

    public CircuitBreakerSettings CircuitBreakerFor(string provider) =>
        Providers.TryGetValue(provider, out var custom) && custom.CircuitBreaker is { } overrides
            ? overrides.Over(CircuitBreaker)
            : CircuitBreaker;

    public RetrySettings RetryFor(string provider) =>
        Providers.TryGetValue(provider, out var custom) && custom.Retry is { } overrides
            ? overrides.Over(Retry)
            : Retry;
}
