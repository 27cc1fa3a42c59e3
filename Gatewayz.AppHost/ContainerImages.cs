namespace Gatewayz.AppHost;

/// <summary>
/// Every image the AppHost starts, pinned. <c>containers/README.md</c> lists the same pairs
/// (a test in Gatewayz.Tests compares them); change both together.
/// </summary>
internal static class ContainerImages
{
    public static readonly ContainerImage Prometheus = new("prom/prometheus", "v3.14.0");
    public static readonly ContainerImage Alertmanager = new("prom/alertmanager", "v0.34.0");
    public static readonly ContainerImage Mimir = new("grafana/mimir", "3.1.3");
    public static readonly ContainerImage Loki = new("grafana/loki", "3.7.6");
    public static readonly ContainerImage Tempo = new("grafana/tempo", "3.0.3");
    public static readonly ContainerImage Pyroscope = new("grafana/pyroscope", "2.1.1");
    public static readonly ContainerImage Grafana = new("grafana/grafana", "13.2.0");
    public static readonly ContainerImage OtelCollector = new("otel/opentelemetry-collector-contrib", "0.160.0");
    public static readonly ContainerImage RedisExporter = new("oliver006/redis_exporter", "v1.90.0");

    // The tags Aspire 13.1.3 itself used, pinned here so an Aspire upgrade (now 13.6) cannot move
    // Postgres to a new major version under an existing data volume.
    public static readonly ContainerImage Redis = new("library/redis", "8.2");
    public static readonly ContainerImage Postgres = new("library/postgres", "17.6");
}
