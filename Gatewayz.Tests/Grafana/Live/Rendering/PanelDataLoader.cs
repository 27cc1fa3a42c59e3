using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace Gatewayz.Tests.Grafana.Live.Rendering;

/// <summary>Fetches a panel's PromQL targets from the live Prometheus: ranges for graphs, instants otherwise.</summary>
public sealed partial class PanelDataLoader(LivePrometheus prometheus, DateTimeOffset from, DateTimeOffset to)
{
    private static readonly TimeSpan Step = TimeSpan.FromSeconds(1);

    public async Task<IReadOnlyList<PanelSeries>> LoadAsync(JsonObject dashboard, JsonObject panel)
    {
        var title = (string)panel["title"]!;
        var ranged = (string?)panel["type"] is "timeseries" or "state-timeline" or "heatmap";
        var targets = panel["targets"]?.AsArray().Select(t => t!.AsObject()).ToList() ?? [];
        var series = new List<PanelSeries>();
        foreach (var query in ShippedDashboards.QueriesOf(dashboard).Where(q => q.PanelTitle == title && q.DatasourceUid == ShippedDashboards.PrometheusDatasource))
        {
            var legend = (string?)targets.First(t => (string?)t["refId"] == query.RefId)["legendFormat"];
            var result = ranged
                // Short windows so a graph of a minute of load shows its shape; instants match the live test.
                ? await prometheus.QueryRangeAsync(GrafanaVariables.Substitute(query, "4s"), from, to, Step)
                : await prometheus.QueryAsync(GrafanaVariables.Substitute(query), to);
            series.AddRange(result.Select(s => new PanelSeries(Name(legend, s.Labels), s.Samples)));
        }
        return series;
    }

    private static string Name(string? legend, IReadOnlyDictionary<string, string> labels) =>
        string.IsNullOrEmpty(legend)
            ? labels.Count == 0 ? "value" : string.Join(", ", labels.Where(l => l.Key != "__name__").Select(l => $"{l.Key}={l.Value}"))
            : LegendLabel().Replace(legend, m => labels.GetValueOrDefault(m.Groups["label"].Value, "")).Trim();

    [GeneratedRegex(@"\{\{\s*(?<label>\w+)\s*\}\}")]
    private static partial Regex LegendLabel();
}
