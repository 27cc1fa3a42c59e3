namespace Gatewayz.AppHost;

/// <summary>Everything Prometheus scrapes, plus Mimir (also its remote-write destination).</summary>
internal sealed record ScrapeTargets(
    IResourceBuilder<ProjectResource> Api,
    IResourceBuilder<ProjectResource> Aggregator,
    IResourceBuilder<ContainerResource> RedisExporter,
    IResourceBuilder<ContainerResource> Mimir,
    IResourceBuilder<ContainerResource> Tempo,
    IResourceBuilder<ContainerResource> Loki,
    IResourceBuilder<ContainerResource> Alertmanager);
