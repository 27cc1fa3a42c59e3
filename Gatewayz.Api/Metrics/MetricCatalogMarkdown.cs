using System.Text;

namespace Gatewayz.Api.Metrics;

/// <summary>Renders the catalog as the markdown reference served at <c>/prometheus/metrics/docs</c> and kept in <c>docs/metrics.md</c>.</summary>
public static class MetricCatalogMarkdown
{
    public static string Render()
    {
        var text = new StringBuilder();
        text.AppendLine("# Gatewayz metric catalog");
        text.AppendLine();
        text.AppendLine("Generated from `Gatewayz.Api/Metrics/MetricCatalog.cs`, the one place where metrics are defined;");
        text.AppendLine("a test fails when this file and the catalog disagree (regenerate with `UPDATE_DOCS=1 bash scripts/test.sh`).");
        text.AppendLine();
        text.AppendLine("Conventions: every gateway metric starts with `gatewayz_`; units are base units named in the metric");
        text.AppendLine("(`_seconds`, `_bytes`, `_dollars`); counters end in `_total`; ratios are 0–1; health scores are 0–100.");
        text.AppendLine("Label values come from configuration (providers, models) or fixed lists; anything else folds into `other`.");
        text.AppendLine("Latency histograms carry exemplars with `trace_id` when scraped in the OpenMetrics format.");
        text.AppendLine();
        text.AppendLine("Every inference API (chat, embeddings, and the others a model's catalog `Endpoints` name) records into the same");
        text.AppendLine("series; they carry no `operation` label. A model's endpoints are fixed by the catalog, so its `model` label (and");
        text.AppendLine("`provider` with it) already says which operation a series counts: the series of `openai/text-embedding-3-small`");
        text.AppendLine("are embeddings, with input tokens and no output tokens. An image model's `gatewayz_cost_dollars_total` counts its");
        text.AppendLine("pictures at the catalog's per-image price (`Pricing:PerImage`) besides any token price. The HTTP series name the");
        text.AppendLine("route (`/v1/embeddings`, `/v1/images/generations`, `/v1/completions`), and the spans' `gen_ai.operation.name` the");
        text.AppendLine("operation (`chat`, `embeddings`, `generate_content` for images, `text_completion` for legacy completions).");
        text.AppendLine("`gatewayz_failovers_total`'s `reason` is `circuit_open`, `untranslatable` (the route's format cannot express the");
        text.AppendLine("request), `unsupported` (the route's provider kind does not serve the operation, as an Anthropic upstream serves no");
        text.AppendLine("embeddings, images or legacy completions) or the failed attempt's error type (`timeout`, `connection_error`, `server_error`, `rate_limited`, `invalid_response`).");
        foreach (var category in Enum.GetValues<MetricCategory>())
        {
            text.AppendLine();
            text.AppendLine($"## {category}");
            text.AppendLine();
            text.AppendLine("| name | type | labels | unit | meaning | used by |");
            text.AppendLine("|---|---|---|---|---|---|");
            foreach (var metric in MetricCatalog.All.Where(metric => metric.Category == category))
            {
                var labels = metric.Labels.Length == 0 ? "—" : string.Join(", ", metric.Labels.Select(label => $"`{label}`"));
                text.AppendLine($"| `{metric.Name}` | {metric.Kind.ToString().ToLowerInvariant()} | {labels} | {metric.Unit} | {metric.Help} | {metric.UsedBy} |");
            }
        }
        return text.ToString();
    }
}
