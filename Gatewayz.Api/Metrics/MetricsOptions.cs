namespace Gatewayz.Api.Metrics;

/// <summary><c>Gatewayz:Metrics</c>: where the gateway serves its Prometheus metrics.</summary>
public sealed class MetricsOptions
{
    public const string SectionName = "Gatewayz:Metrics";

    /// <summary>The highest TCP port number.</summary>
    public const int MaxPort = 65_535;

    /// <summary>
    /// A TCP port (1 to 65 535) on which the gateway also listens and which alone serves the metrics paths
    /// (<c>/metrics</c>, <c>/prometheus/metrics/*</c>); it serves nothing else but the health checks (<c>/health</c>,
    /// <c>/alive</c>), and the API's ports then answer the metrics paths 404. 0 (the default): no management port,
    /// the metrics are served with the API. See <see cref="ManagementPortListener"/> and <see cref="ManagementPortMiddleware"/>.
    /// </summary>
    public int ManagementPort { get; set; }
}
