namespace Gatewayz.AppHost.Stack;

/// <summary>How the AppHost runs the stack's backing services (setting <c>Gatewayz:Stack:Mode</c>).</summary>
internal enum StackMode
{
    /// <summary>Every service in its pinned container image: needs a container engine (Docker or Podman).</summary>
    Containers,

    /// <summary>
    /// Redis, Postgres, Prometheus and Alertmanager as local executables from the machine's own binaries, for
    /// machines where no container engine runs; services without a local binary (Grafana, Loki, Tempo, Mimir,
    /// Pyroscope, the collector, the Redis exporter) are left out.
    /// </summary>
    Processes,
}
