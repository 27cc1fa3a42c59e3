using Gatewayz.Api.Health;

namespace Gatewayz.Tests.Monitoring;

/// <summary>A health view with known scores and breakers, so the API's answers can be checked value by value.</summary>
public sealed class FixedHealthView : IProviderHealthView
{
    public static readonly DateTimeOffset Updated = new(2026, 11, 27, 14, 30, 0, TimeSpan.Zero);

    public Task<IReadOnlyList<ProviderHealthSnapshot>> GetProviderHealthAsync(CancellationToken cancellationToken) =>
        Task.FromResult<IReadOnlyList<ProviderHealthSnapshot>>(
        [
            new("openrouter", 95, HealthStatus.Healthy, Updated),
            new("fireworks", 72, HealthStatus.Degraded, Updated),
        ]);

    public Task<IReadOnlyList<ModelHealthSnapshot>> GetModelHealthAsync(CancellationToken cancellationToken) =>
        Task.FromResult<IReadOnlyList<ModelHealthSnapshot>>([]);

    public Task<IReadOnlyList<CircuitBreakerSnapshot>> GetCircuitBreakersAsync(CancellationToken cancellationToken) =>
        Task.FromResult<IReadOnlyList<CircuitBreakerSnapshot>>(
        [
            new("openrouter", "openai/gpt-4o", "CLOSED", 0, true, Updated),
            new("fireworks", "meta-llama/llama-3.3-70b-instruct", "OPEN", 5, false, Updated),
        ]);
}
