using Gatewayz.Api.Metrics;
using Gatewayz.Tests.Infrastructure;

namespace Gatewayz.Tests.Grafana;

/// <summary>
/// Metric names a dashboard or Grafana alert may query: the catalog (histograms with their
/// <c>_bucket</c>/<c>_sum</c>/<c>_count</c> series), Prometheus recording rules, and series that
/// exporters and the stack's own components produce themselves.
/// </summary>
public sealed class KnownMetrics(IReadOnlySet<string> names)
{
    /// <summary>Series the gateway does not define (docs/grafana.md lists why each is there).</summary>
    public static readonly IReadOnlyList<string> ExporterPrefixes =
    [
        "process_", "dotnet_",                      // prometheus-net DotNetStats in the gateway
        "redis_",                                   // redis_exporter
        "prometheus_", "scrape_", "go_",            // Prometheus itself (and Go runtimes of the stack)
        "cortex_", "mimir_", "loki_", "tempo_", "pyroscope_", "alertmanager_", "otelcol_",
        "traces_spanmetrics_", "traces_service_graph_", // Tempo's metrics generator, in Mimir
    ];

    public static readonly IReadOnlyList<string> ExporterNames = ["up", "ALERTS", "ALERTS_FOR_STATE"];

    public static KnownMetrics Load() => new(CatalogSeries().Concat(RecordingRules()).Concat(ExporterNames).ToHashSet(StringComparer.Ordinal));

    public bool Contains(string metric) =>
        names.Contains(metric) || ExporterPrefixes.Any(prefix => metric.StartsWith(prefix, StringComparison.Ordinal));

    private static IEnumerable<string> CatalogSeries() =>
        MetricCatalog.All.SelectMany(metric => metric.Kind == MetricKind.Histogram
            ? new[] { metric.Name + "_bucket", metric.Name + "_sum", metric.Name + "_count" }
            : new[] { metric.Name });

    private static IEnumerable<string> RecordingRules()
    {
        var directory = Path.Combine(RepositoryPaths.Containers, "prometheus");
        if (!Directory.Exists(directory))
            return [];
        return Directory.GetFiles(directory, "*rules*.y*ml", SearchOption.AllDirectories)
            .Select(YamlDocument.Load)
            .SelectMany(document => document["groups"]?.AsArray() ?? [])
            .SelectMany(group => group?["rules"]?.AsArray() ?? [])
            .Select(rule => (string?)rule?["record"])
            .OfType<string>();
    }
}
