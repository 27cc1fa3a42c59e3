namespace Gatewayz.AppHost;

/// <summary>
/// The OpenTelemetry Collector that fans the services' OTLP out to Tempo, Loki and the Aspire
/// dashboard (<c>containers/otel-collector/config.yaml</c>).
/// </summary>
internal static class TelemetryCollectorExtensions
{
    private const string Grpc = "grpc";
    private const string Health = "health";

    // The Aspire dashboard's OTLP endpoint: set by the AppHost's launch profile when run,
    // and the "<environment>-dashboard" service (port 18889) in the published compose file.
    private const string DashboardOtlpUrlSetting = "ASPIRE_DASHBOARD_OTLP_ENDPOINT_URL";
    private const string DashboardOtlpApiKeySetting = "AppHost:OtlpApiKey";
    private const string PublishedDashboardOtlpUrl = "http://compose-dashboard:18889";

    public static IResourceBuilder<ContainerResource> AddTelemetryCollector(
        this IDistributedApplicationBuilder builder,
        IResourceBuilder<ContainerResource> tempo,
        IResourceBuilder<ContainerResource> loki)
    {
        var dashboardUrl = builder.ExecutionContext.IsPublishMode
            ? PublishedDashboardOtlpUrl
            : builder.Configuration[DashboardOtlpUrlSetting] ?? "http://localhost:18889";
        var dashboardApiKey = builder.ExecutionContext.IsPublishMode
            ? string.Empty
            : builder.Configuration[DashboardOtlpApiKeySetting] ?? string.Empty;
        var dashboardIsPlainHttp = dashboardUrl.StartsWith("http://", StringComparison.OrdinalIgnoreCase);

        return builder.AddContainer("otel-collector", ContainerImages.OtelCollector.Image, ContainerImages.OtelCollector.Tag)
            .WithEndpoint(targetPort: 4317, name: Grpc, scheme: "http")
            .WithHttpEndpoint(targetPort: 4318, name: StackContainerExtensions.Http)
            .WithHttpEndpoint(targetPort: 13133, name: Health)
            .WithHttpHealthCheck("/", endpointName: Health)
            .WithBindMount("../containers/otel-collector", "/etc/otelcol-contrib", isReadOnly: true)
            .WithArgs("--config=/etc/otelcol-contrib/config.yaml")
            .WithEnvironment("TEMPO_OTLP_ENDPOINT", tempo.HostAndPort(TelemetryBackendExtensions.OtlpGrpc))
            .WithEnvironment("LOKI_OTLP_ENDPOINT", $"{loki.Url()}/otlp")
            // HostUrl turns "localhost" into the host's name as seen from inside a container.
            .WithEnvironment("ASPIRE_DASHBOARD_OTLP_ENDPOINT", new HostUrl(dashboardUrl))
            .WithEnvironment("ASPIRE_DASHBOARD_OTLP_API_KEY", dashboardApiKey)
            .WithEnvironment("ASPIRE_DASHBOARD_OTLP_INSECURE", dashboardIsPlainHttp ? "true" : "false")
            .WaitFor(tempo)
            .WaitFor(loki);
    }

    /// <summary>
    /// Sends a project's traces, logs and metrics to the collector instead of straight to the
    /// dashboard. Aspire (and the compose publisher) set <c>OTEL_EXPORTER_OTLP_ENDPOINT</c> to the
    /// dashboard; the per-signal variables below take precedence over it in the OpenTelemetry SDK,
    /// so the redirect holds whatever order those callbacks run in, when run and when published.
    /// </summary>
    public static IResourceBuilder<ProjectResource> WithTelemetryThroughCollector(
        this IResourceBuilder<ProjectResource> project, IResourceBuilder<ContainerResource> collector)
    {
        var collectorGrpc = collector.Url(Grpc);
        return project
            .WithEnvironment("OTEL_EXPORTER_OTLP_TRACES_ENDPOINT", collectorGrpc)
            .WithEnvironment("OTEL_EXPORTER_OTLP_LOGS_ENDPOINT", collectorGrpc)
            .WithEnvironment("OTEL_EXPORTER_OTLP_METRICS_ENDPOINT", collectorGrpc)
            .WaitFor(collector);
    }
}
