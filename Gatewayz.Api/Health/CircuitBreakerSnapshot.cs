namespace Gatewayz.Api.Health;

/// <summary>A route's breaker as the monitoring API shows it; <see cref="State"/> is CLOSED, OPEN or HALF_OPEN.</summary>
public sealed record CircuitBreakerSnapshot(string Provider, string Model, string State, int FailureCount, bool IsAvailable, DateTimeOffset LastUpdated);
