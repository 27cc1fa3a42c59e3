namespace Gatewayz.AppHost;

/// <summary>Prometheus, Mimir, Alertmanager and the Redis exporter (configs in <c>containers/</c>).</summary>
internal static class MetricsStackExtensions
{
    public static IResourceBuilder<ContainerResource> AddMimir(this IDistributedApplicationBuilder builder) =>
        builder.AddStackContainer("mimir", ContainerImages.Mimir, httpPort: 9009, healthPath: "/ready")
            .WithBindMount("../containers/mimir", "/etc/mimir", isReadOnly: true)
            .WithVolume("mimir-data", "/data")
            .WithArgs("-config.file=/etc/mimir/mimir.yaml", "-target=all");

    public static IResourceBuilder<ContainerResource> AddRedisExporter(
        this IDistributedApplicationBuilder builder, IResourceBuilder<RedisResource> redis)
    {
        var exporter = builder.AddStackContainer("redis-exporter", ContainerImages.RedisExporter, httpPort: 9121, healthPath: "/health")
            // Read when the environment is built: Aspire may switch Redis to TLS (rediss://) just
            // before start, and the exporter then skips verifying the development certificate.
            .WithEnvironment(context => context.EnvironmentVariables["REDIS_ADDR"] = redis.Resource.UriExpression)
            .WithEnvironment("REDIS_EXPORTER_SKIP_TLS_VERIFICATION", "true")
            .WaitFor(redis);

        if (redis.Resource.PasswordParameter is { } password)
        {
            exporter.WithEnvironment("REDIS_PASSWORD", password);
        }

        return exporter;
    }

    public static IResourceBuilder<ContainerResource> AddAlertmanager(
        this IDistributedApplicationBuilder builder, AlertEmailSettings email) =>
        builder.AddStackContainer("alertmanager", ContainerImages.Alertmanager, httpPort: 9093, healthPath: "/-/healthy")
            .WithBindMount("../containers/alertmanager", "/etc/alertmanager", isReadOnly: true)
            .WithVolume("alertmanager-data", "/alertmanager")
            // The entrypoint renders alertmanager.yml.tmpl from the variables below, then starts
            // Alertmanager with these arguments (an empty cluster address: a single instance, no gossip).
            .WithEntrypoint("/bin/sh")
            .WithArgs("/etc/alertmanager/entrypoint.sh", "--storage.path=/alertmanager", "--cluster.listen-address=")
            .WithAlertEmail(email);

    /// <summary>The SMTP settings and recipient lists that <c>containers/alertmanager/entrypoint.sh</c> renders.</summary>
    public static IResourceBuilder<T> WithAlertEmail<T>(this IResourceBuilder<T> alertmanager, AlertEmailSettings email)
        where T : IResourceWithEnvironment =>
        alertmanager
            .WithEnvironment("SMTP_HOST", email.SmtpHost)
            .WithEnvironment("SMTP_FROM", email.SmtpFrom)
            .WithEnvironment("SMTP_USER", email.SmtpUser)
            .WithEnvironment("SMTP_PASSWORD", email.SmtpPassword)
            .WithEnvironment("ALERT_EMAIL_OPS", email.OpsRecipients)
            .WithEnvironment("ALERT_EMAIL_CRIT", email.CriticalRecipients);

    /// <summary>
    /// Prometheus scrapes every target below (each a <c>host:port</c> environment variable that
    /// <c>containers/prometheus</c> reads), sends alerts to Alertmanager and remote-writes to Mimir.
    /// </summary>
    public static IResourceBuilder<ContainerResource> AddPrometheus(
        this IDistributedApplicationBuilder builder, ScrapeTargets targets) =>
        builder.AddStackContainer("prometheus", ContainerImages.Prometheus, httpPort: 9090, healthPath: "/-/healthy")
            .WithBindMount("../containers/prometheus", "/etc/prometheus", isReadOnly: true)
            .WithVolume("prometheus-data", "/prometheus")
            // The entrypoint renders prometheus.yml.tmpl from the variables below (Prometheus itself
            // does not expand the environment), then starts Prometheus with these arguments.
            .WithEntrypoint("/bin/sh")
            .WithArgs(
                "/etc/prometheus/entrypoint.sh",
                "--storage.tsdb.path=/prometheus",
                "--storage.tsdb.retention.time=15d",
                "--web.enable-lifecycle")
            .WithScrapeTargets(targets);

    /// <summary>
    /// The targets as the variables <c>containers/prometheus/entrypoint.sh</c> renders: <c>host:port</c>, or
    /// empty for a backend this stack does not run. Prometheus starts after the backends it pushes to.
    /// </summary>
    public static IResourceBuilder<T> WithScrapeTargets<T>(this IResourceBuilder<T> prometheus, ScrapeTargets targets)
        where T : IResourceWithEnvironment, IResourceWithWaitSupport
    {
        prometheus
            .WithEnvironment("GATEWAY_API_TARGET", targets.Api.Property(EndpointProperty.HostAndPort))
            .WithEnvironment("AGGREGATOR_TARGET", targets.Aggregator.HostAndPort())
            .WithEnvironment("ALERTMANAGER_TARGET", targets.Alertmanager.HostAndPort())
            .WithOptionalTarget("REDIS_EXPORTER_TARGET", targets.RedisExporter)
            .WithOptionalTarget("MIMIR_TARGET", targets.Mimir)
            .WithOptionalTarget("TEMPO_TARGET", targets.Tempo)
            .WithOptionalTarget("LOKI_TARGET", targets.Loki);

        if (targets.Mimir is { } mimir)
            prometheus.WithEnvironment("MIMIR_REMOTE_WRITE_URL", mimir.RemoteWriteUrl());
        else
            prometheus.WithEnvironment("MIMIR_REMOTE_WRITE_URL", string.Empty);

        foreach (var backend in targets.Backends)
            prometheus.WaitFor(backend);
        return prometheus;
    }

    private static IResourceBuilder<T> WithOptionalTarget<T>(
        this IResourceBuilder<T> prometheus, string name, IResourceBuilder<IResourceWithEndpoints>? target)
        where T : IResourceWithEnvironment =>
        target is null
            ? prometheus.WithEnvironment(name, string.Empty)
            : prometheus.WithEnvironment(name, target.HostAndPort());

    /// <summary>Mimir's Prometheus remote-write endpoint, used by Prometheus and Tempo.</summary>
    public static ReferenceExpression RemoteWriteUrl(this IResourceBuilder<IResourceWithEndpoints> mimir) =>
        ReferenceExpression.Create($"{mimir.Url()}/api/v1/push");
}
