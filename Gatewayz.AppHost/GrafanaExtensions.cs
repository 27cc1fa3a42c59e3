namespace Gatewayz.AppHost;

/// <summary>
/// Grafana with the provisioning in <c>containers/grafana</c>: datasources read the
/// <c>*_INTERNAL_URL</c> and <c>POSTGRES_*</c> variables, alerting mails through <c>GF_SMTP_*</c>.
/// </summary>
internal static class GrafanaExtensions
{
    public static IResourceBuilder<ContainerResource> AddGrafana(
        this IDistributedApplicationBuilder builder, GrafanaDatasources datasources, AlertEmailSettings email)
    {
        var adminPassword = builder.AddParameter("grafana-admin-password", GatewayServices.SecretDefault, secret: true, persist: true);
        var postgres = datasources.Postgres.Resource;

        return builder.AddStackContainer("grafana", ContainerImages.Grafana, httpPort: 3000, healthPath: "/api/health")
            .WithBindMount("../containers/grafana/provisioning", "/etc/grafana/provisioning", isReadOnly: true)
            .WithBindMount("../containers/grafana/dashboards", "/var/lib/grafana/dashboards", isReadOnly: true)
            .WithVolume("grafana-data", "/var/lib/grafana")
            .WithEnvironment("GF_SECURITY_ADMIN_USER", "admin")
            .WithEnvironment("GF_SECURITY_ADMIN_PASSWORD", adminPassword)
            .WithEnvironment("PROMETHEUS_INTERNAL_URL", datasources.Prometheus.Url())
            .WithEnvironment("MIMIR_INTERNAL_URL", datasources.Mimir.Url())
            .WithEnvironment("LOKI_INTERNAL_URL", datasources.Loki.Url())
            .WithEnvironment("TEMPO_INTERNAL_URL", datasources.Tempo.Url())
            .WithEnvironment("PYROSCOPE_INTERNAL_URL", datasources.Pyroscope.Url())
            // Grafana's Postgres datasource takes host:port as its url.
            .WithEnvironment("POSTGRES_HOST", postgres.PrimaryEndpoint.Property(EndpointProperty.HostAndPort))
            .WithEnvironment("POSTGRES_DB", datasources.Database.Resource.DatabaseName)
            .WithEnvironment("POSTGRES_USER", postgres.UserNameReference)
            .WithEnvironment("POSTGRES_PASSWORD", postgres.PasswordParameter)
            .WithEnvironment("GF_SMTP_ENABLED", "true")
            .WithEnvironment("GF_SMTP_HOST", email.SmtpHost)
            .WithEnvironment("GF_SMTP_USER", email.SmtpUser)
            .WithEnvironment("GF_SMTP_PASSWORD", email.SmtpPassword)
            .WithEnvironment("GF_SMTP_FROM_ADDRESS", email.SmtpFrom)
            .WithEnvironment("ALERT_EMAIL_OPS", email.OpsRecipients)
            .WithEnvironment("ALERT_EMAIL_CRIT", email.CriticalRecipients)
            .WaitFor(datasources.Prometheus)
            .WaitFor(datasources.Mimir)
            .WaitFor(datasources.Loki)
            .WaitFor(datasources.Tempo)
            .WaitFor(datasources.Pyroscope)
            .WaitFor(datasources.Database);
    }
}
