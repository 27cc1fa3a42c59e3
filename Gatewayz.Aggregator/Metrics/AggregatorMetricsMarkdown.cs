using System.Text;

namespace Gatewayz.Aggregator.Metrics;

/// <summary>The "Aggregator" section of <c>docs/metrics.md</c>, rendered from <see cref="AggregatorMetricCatalog"/>.</summary>
public static class AggregatorMetricsMarkdown
{
    public static string Render()
    {
        var text = new StringBuilder();
        text.AppendLine();
        text.AppendLine("## Aggregator");
        text.AppendLine();
        text.AppendLine("Exported by `Gatewayz.Aggregator` on its own `/metrics` (defined in `Gatewayz.Aggregator/Metrics/AggregatorMetricCatalog.cs`).");
        text.AppendLine();
        text.AppendLine("| name | type | labels | unit | meaning |");
        text.AppendLine("|---|---|---|---|---|");
        foreach (var metric in AggregatorMetricCatalog.All)
            text.AppendLine($"| `{metric.Name}` | {metric.Kind} | — | {metric.Unit} | {metric.Help} |");
        return text.ToString();
    }
}
