namespace Gatewayz.Api.Health;

public sealed record ModelHealthSnapshot(string Provider, string Model, double HealthScore, HealthStatus Status, DateTimeOffset LastUpdated);
