namespace Gatewayz.Api.Health;

public sealed record ProviderHealthSnapshot(string Provider, double HealthScore, HealthStatus Status, DateTimeOffset LastUpdated);
