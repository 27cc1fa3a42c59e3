using Gatewayz.AppHost.Processes;
using Gatewayz.AppHost.Stack;

namespace Gatewayz.AppHost;

/// <summary>
/// <see cref="StackMode.Processes"/>: Redis, Postgres, Prometheus and Alertmanager from the machine's own binaries,
/// under the same resource names, connection strings and configs as in containers. Telemetry goes straight to the
/// Aspire dashboard (Aspire's default OTLP endpoint), since there is no collector.
/// </summary>
internal static class ProcessStack
{
    /// <summary>The container services that have no local binary here, and what is missing without them.</summary>
    public static readonly IReadOnlyDictionary<string, string> LeftOut = new Dictionary<string, string>
    {
        ["grafana"] = "no dashboards or Grafana alerting",
        ["loki"] = "no log storage (logs still reach the Aspire dashboard)",
        ["tempo"] = "no trace storage (traces still reach the Aspire dashboard)",
        ["mimir"] = "no long-term metrics (Prometheus keeps 15 days)",
        ["pyroscope"] = "no continuous profiles",
        ["otel-collector"] = "services export their telemetry straight to the Aspire dashboard",
        ["redis-exporter"] = "no Redis server metrics",
    };

    public static void Add(IDistributedApplicationBuilder builder, StackSettings stack, AlertEmailSettings email)
    {
        var redis = builder.AddLocalRedis("redis", stack);
        var postgres = builder.AddLocalPostgres("postgres", stack);
        var database = postgres.AddDatabase("gatewayz");

        var services = GatewayServices.Add(builder, redis, database);
        var alertmanager = builder.AddLocalAlertmanager(stack, email);
        var prometheus = builder.AddLocalPrometheus(stack, new ScrapeTargets(services.MetricsEndpoint, services.Aggregator, alertmanager));

        builder.MonitorLocalServers(
            [redis.Resource.Name, postgres.Resource.Name, alertmanager.Resource.Name, prometheus.Resource.Name], stack.DataDirectory);
    }
}
