namespace Gatewayz.AppHost;

/// <summary>Loki (logs), Tempo (traces) and Pyroscope (profiles); configs in <c>containers/</c>.</summary>
internal static class TelemetryBackendExtensions
{
    public const string OtlpGrpc = "otlp-grpc";

    public static IResourceBuilder<ContainerResource> AddLoki(this IDistributedApplicationBuilder builder) =>
        builder.AddStackContainer("loki", ContainerImages.Loki, httpPort: 3100, healthPath: "/ready")
            .WithBindMount("../containers/loki", "/etc/loki", isReadOnly: true)
            .WithVolume("loki-data", "/loki")
            .WithArgs("-config.file=/etc/loki/loki.yaml");

    /// <summary>Tempo, whose metrics-generator remote-writes span and service-graph metrics to Mimir.</summary>
    public static IResourceBuilder<ContainerResource> AddTempo(
        this IDistributedApplicationBuilder builder, IResourceBuilder<ContainerResource> mimir) =>
        builder.AddStackContainer("tempo", ContainerImages.Tempo, httpPort: 3200, healthPath: "/ready")
            .WithEndpoint(targetPort: 4317, name: OtlpGrpc, scheme: "http")
            .WithBindMount("../containers/tempo", "/etc/tempo", isReadOnly: true)
            .WithVolume("tempo-data", "/var/tempo")
            // expand-env: tempo.yaml reads ${MIMIR_REMOTE_WRITE_URL}.
            .WithArgs("-config.file=/etc/tempo/tempo.yaml", "-config.expand-env=true")
            .WithEnvironment("MIMIR_REMOTE_WRITE_URL", mimir.RemoteWriteUrl())
            .WaitFor(mimir);

    public static IResourceBuilder<ContainerResource> AddPyroscope(this IDistributedApplicationBuilder builder) =>
        builder.AddStackContainer("pyroscope", ContainerImages.Pyroscope, httpPort: 4040, healthPath: "/ready")
            .WithBindMount("../containers/pyroscope", "/etc/pyroscope", isReadOnly: true)
            .WithVolume("pyroscope-data", "/data")
            .WithArgs("-config.file=/etc/pyroscope/pyroscope.yaml");
}
