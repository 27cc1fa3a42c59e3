namespace Gatewayz.AppHost;

/// <summary>
/// Everything Prometheus scrapes (Mimir is also its remote-write destination). The optional backends are
/// absent in <see cref="Stack.StackMode.Processes"/>: their jobs then render without targets and, without
/// Mimir, Prometheus writes nowhere remote.
/// </summary>
/// <param name="Api">The gateway's endpoint that serves <c>/metrics</c> (<see cref="GatewayServices.MetricsEndpoint"/>).</param>
internal sealed record ScrapeTargets(
    EndpointReference Api,
    IResourceBuilder<IResourceWithEndpoints> Aggregator,
    IResourceBuilder<IResourceWithEndpoints> Alertmanager,
    IResourceBuilder<IResourceWithEndpoints>? RedisExporter = null,
    IResourceBuilder<IResourceWithEndpoints>? Mimir = null,
    IResourceBuilder<IResourceWithEndpoints>? Tempo = null,
    IResourceBuilder<IResourceWithEndpoints>? Loki = null)
{
    /// <summary>The backends Prometheus should start after, so its first scrapes and remote writes land.</summary>
    public IEnumerable<IResourceBuilder<IResourceWithEndpoints>> Backends =>
        new[] { Mimir, Alertmanager, RedisExporter }.OfType<IResourceBuilder<IResourceWithEndpoints>>();
}
