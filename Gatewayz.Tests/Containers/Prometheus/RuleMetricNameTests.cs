using Gatewayz.Api.Metrics;

namespace Gatewayz.Tests.Containers.Prometheus;

/// <summary>Rules use only catalog metrics (the metric catalog), recording rules, and a short list of exporter metrics.</summary>
public sealed class RuleMetricNameTests
{
    /// <summary>Metrics that exporters and the stack produce themselves, not the gateway (docs/alerts.md lists them).</summary>
    private static readonly HashSet<string> ExporterMetrics =
    [
        "up",                                            // Prometheus, per scrape target
        "process_cpu_seconds_total",                     // prometheus-net process metrics
        "redis_memory_used_bytes",                       // redis_exporter
        "redis_memory_max_bytes",                        // redis_exporter
        "prometheus_remote_storage_samples_failed_total", // Prometheus self-metrics
        "tempo_distributor_spans_received_total",        // Tempo self-metrics
        "loki_distributor_lines_received_total",         // Loki self-metrics
    ];

    private static readonly string[] HistogramSuffixes = ["_bucket", "_sum", "_count"];

    [Fact]
    public void Every_metric_in_a_rule_expression_is_known()
    {
        var recorded = RuleFiles.All.Where(rule => rule.Record is not null).Select(rule => rule.Record!).ToHashSet();

        var unknown = RuleFiles.All
            .SelectMany(rule => PromQlMetricNames.In(rule.Expression).Select(name => (rule.Name, Metric: name)))
            .Where(use => !IsKnown(use.Metric, recorded))
            .Select(use => $"{use.Name}: {use.Metric}")
            .ToList();

        unknown.ShouldBeEmpty();
    }

    [Fact]
    public void Every_allowed_exporter_metric_is_really_used()
    {
        var used = RuleFiles.All.SelectMany(rule => PromQlMetricNames.In(rule.Expression)).ToHashSet();

        ExporterMetrics.Except(used).ShouldBeEmpty("drop allow-list entries that no rule needs");
    }

    [Fact]
    public void The_name_finder_sees_metrics_and_ignores_functions_labels_and_clauses()
    {
        var names = PromQlMetricNames.In("""
            histogram_quantile(0.95, sum by (provider, le) (rate(gatewayz_x_bucket{status!~"a|b"}[5m])))
              / ignoring (limit_type) group_left sum(rate(gatewayz_y_total[1h] offset 1h)) > 1e3 and on (job) up == 0
            """);

        names.ShouldBe(["gatewayz_x_bucket", "gatewayz_y_total", "up"], ignoreOrder: true);
        IsKnown("gatewayz_made_up_total", []).ShouldBeFalse();
    }

    private static bool IsKnown(string metric, HashSet<string> recorded)
    {
        if (recorded.Contains(metric) || ExporterMetrics.Contains(metric))
            return true;
        var catalog = MetricCatalog.All.ToDictionary(definition => definition.Name);
        if (catalog.ContainsKey(metric))
            return true;
        var suffix = HistogramSuffixes.FirstOrDefault(metric.EndsWith);
        return suffix is not null
            && catalog.TryGetValue(metric[..^suffix.Length], out var histogram)
            && histogram.Kind == MetricKind.Histogram;
    }
}
