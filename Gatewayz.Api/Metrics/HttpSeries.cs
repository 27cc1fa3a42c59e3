using Prometheus;

namespace Gatewayz.Api.Metrics;

/// <summary>The label children of one method and route; request counters per status code are resolved on first use.</summary>
internal sealed class HttpSeries(GatewayMetrics metrics, string method, string route)
{
    private readonly Counter.Child?[] _byStatus = new Counter.Child?[600];

    public Gauge.Child InProgress { get; } = metrics.HttpRequestsInProgress.WithLabels(method, route);
    public Histogram.Child Duration { get; } = metrics.HttpRequestDuration.WithLabels(method, route);
    public Histogram.Child RequestSize { get; } = metrics.HttpRequestSize.WithLabels(method, route);
    public Histogram.Child ResponseSize { get; } = metrics.HttpResponseSize.WithLabels(method, route);

    /// <param name="status">100–599; the caller folds anything else.</param>
    public Counter.Child Requests(int status, string statusLabel) =>
        Volatile.Read(ref _byStatus[status]) ?? (_byStatus[status] = metrics.HttpRequests.WithLabels(method, route, statusLabel));
}
