namespace Gatewayz.Api.Health;

public sealed record HealthReport(IReadOnlyList<ProviderHealthSnapshot> Providers, IReadOnlyList<ModelHealthSnapshot> Models);
