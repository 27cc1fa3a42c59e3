extern alias aggregator;
using aggregator::Gatewayz.Aggregator.Metrics;
using Gatewayz.Api.Metrics;
using Gatewayz.Tests.Infrastructure;

namespace Gatewayz.Tests.Metrics;

public sealed class MetricCatalogDocsTests
{
    [Fact]
    public void Docs_metrics_md_is_the_catalog_rendered()
    {
        var path = Path.Combine(RepositoryPaths.Docs, "metrics.md");
        // The gateway's catalog, then the aggregator's own section (a separate process with its own /metrics).
        var rendered = MetricCatalogMarkdown.Render() + AggregatorMetricsMarkdown.Render();
        if (Environment.GetEnvironmentVariable("UPDATE_DOCS") == "1")
            File.WriteAllText(path, rendered);

        File.ReadAllText(path).ShouldBe(rendered, "docs/metrics.md is stale: run UPDATE_DOCS=1 bash scripts/test.sh");
    }

    [Fact]
    public void Every_catalog_name_is_unique_and_in_the_gatewayz_namespace()
    {
        MetricCatalog.All.Select(metric => metric.Name).ShouldBeUnique();
        MetricCatalog.All.ShouldAllBe(metric => metric.Name.StartsWith(MetricCatalog.Namespace));
        MetricCatalog.All.Where(metric => metric.Kind == MetricKind.Counter).ShouldAllBe(metric => metric.Name.EndsWith("_total"));
        AggregatorMetricCatalog.All.Select(metric => metric.Name).Concat(MetricCatalog.All.Select(metric => metric.Name)).ShouldBeUnique();
        AggregatorMetricCatalog.All.ShouldAllBe(metric => metric.Name.StartsWith("gatewayz_aggregator_"));
        AggregatorMetricCatalog.All.Where(metric => metric.Kind == "counter").ShouldAllBe(metric => metric.Name.EndsWith("_total"));
    }
}
