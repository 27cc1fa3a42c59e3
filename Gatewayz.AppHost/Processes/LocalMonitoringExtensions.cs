using Gatewayz.AppHost.Stack;

namespace Gatewayz.AppHost.Processes;

/// <summary>
/// Prometheus and Alertmanager as local processes, started through the same <c>containers/*/entrypoint.sh</c>
/// as their containers, so they render and load the repository's own configs and rules.
/// </summary>
internal static class LocalMonitoringExtensions
{
    public static IResourceBuilder<ExecutableResource> AddLocalAlertmanager(
        this IDistributedApplicationBuilder builder, StackSettings stack, AlertEmailSettings email)
    {
        // Debian installs Alertmanager as prometheus-alertmanager.
        var binary = LocalBinaries.Require("prometheus-alertmanager", "alertmanager", "prometheus-alertmanager");
        var data = stack.DataFolder("alertmanager");

        return builder.AddStackProcess("alertmanager", "../containers/alertmanager/entrypoint.sh", "ALERTMANAGER_PORT", healthPath: "/-/healthy")
            .WithEnvironment("ALERTMANAGER_LISTEN_HOST", Loopback)
            // An empty cluster address: a single instance, no gossip port.
            .WithArgs($"--storage.path={data}", "--cluster.listen-address=")
            .WithEnvironment("ALERTMANAGER_BINARY", binary)
            .WithEnvironment("ALERTMANAGER_CONFIG_FILE", Path.Combine(data, "alertmanager.yml"))
            .WithAlertEmail(email);
    }

    public static IResourceBuilder<ExecutableResource> AddLocalPrometheus(
        this IDistributedApplicationBuilder builder, StackSettings stack, ScrapeTargets targets)
    {
        LocalBinaries.Require("prometheus", "prometheus"); // the entrypoint execs it from PATH
        var data = stack.DataFolder("prometheus");

        return builder.AddStackProcess("prometheus", "../containers/prometheus/entrypoint.sh", "PROMETHEUS_PORT", healthPath: "/-/ready")
            .WithEnvironment("PROMETHEUS_LISTEN_HOST", Loopback)
            .WithArgs($"--storage.tsdb.path={Path.Combine(data, "tsdb")}", "--storage.tsdb.retention.time=15d", "--web.enable-lifecycle")
            .WithEnvironment("PROMETHEUS_CONFIG_FILE", Path.Combine(data, "prometheus.yml"))
            .WithScrapeTargets(targets);
    }

    /// <summary>Local servers listen on loopback only, like the other processes Aspire starts.</summary>
    private const string Loopback = "127.0.0.1";

    /// <summary>
    /// A server started by its container's entrypoint script, with its HTTP endpoint (named
    /// <see cref="StackContainerExtensions.Http"/>) at the port Aspire allocates, which the script reads from
    /// <paramref name="portVariable"/> (a container gets a fixed port instead), and an HTTP health check, so that
    /// <c>WaitFor</c> waits until it answers.
    /// </summary>
    private static IResourceBuilder<ExecutableResource> AddStackProcess(
        this IDistributedApplicationBuilder builder, string name, string script, string portVariable, string healthPath) =>
        builder.AddExecutable(name, "/bin/sh", builder.AppHostDirectory, script)
            .WithHttpEndpoint(name: StackContainerExtensions.Http, env: portVariable)
            .WithHttpHealthCheck(healthPath, endpointName: StackContainerExtensions.Http);
}
