namespace Gatewayz.AppHost;

/// <summary>The resources behind Grafana's provisioned datasources.</summary>
internal sealed record GrafanaDatasources(
    IResourceBuilder<ContainerResource> Prometheus,
    IResourceBuilder<ContainerResource> Mimir,
    IResourceBuilder<ContainerResource> Loki,
    IResourceBuilder<ContainerResource> Tempo,
    IResourceBuilder<ContainerResource> Pyroscope,
    IResourceBuilder<PostgresServerResource> Postgres,
    IResourceBuilder<PostgresDatabaseResource> Database);
