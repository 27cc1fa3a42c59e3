using System.Text.Json.Nodes;

namespace Gatewayz.Tests.Grafana.Live.Rendering;

/// <summary>
/// Renders a dashboard as SVG in its Grafana grid layout, with live Prometheus data in every PromQL
/// panel; other datasources and empty panels get a note saying why they are blank.
/// </summary>
public sealed class DashboardRenderer(PanelDataLoader loader)
{
    private const double Width = 1600;
    private const double ColumnWidth = Width / 24;
    private const double RowHeight = 30;
    private const double HeaderHeight = 44;
    private const double Gap = 4;

    public async Task<DashboardSnapshot> RenderAsync(JsonObject dashboard)
    {
        var panels = dashboard["panels"]!.AsArray().Select(p => p!.AsObject()).ToList();
        var height = HeaderHeight + panels.Max(p => (int)p["gridPos"]!["y"]! + (int)p["gridPos"]!["h"]!) * RowHeight + Gap;
        var svg = new SvgCanvas(Width, height);
        svg.Rect(0, 0, Width, height, Theme.Background);
        svg.Text(12, 28, $"{dashboard["title"]}  ·  live data from a test gateway under simulated load", 18, bold: true);

        var withData = new List<string>();
        var withoutData = new List<string>();
        foreach (var panel in panels)
        {
            var grid = panel["gridPos"]!;
            var x = (int)grid["x"]! * ColumnWidth + Gap;
            var y = HeaderHeight + (int)grid["y"]! * RowHeight + Gap;
            var w = (int)grid["w"]! * ColumnWidth - 2 * Gap;
            var h = (int)grid["h"]! * RowHeight - 2 * Gap;
            var title = (string)panel["title"]!;
            if ((string?)panel["type"] == "row")
            {
                svg.Text(x, y + 18, title, 15, bold: true);
                continue;
            }

            svg.Rect(x, y, w, h, Theme.Panel, Theme.Border, 3);
            svg.Text(x + 8, y + 18, PanelRenderer.Shorten(title, (int)(w / 7.5)), 13, bold: true);
            var content = new PanelBox(x + 8, y + 26, w - 16, h - 32);
            var note = NotRendered(panel);
            var series = note is null ? await loader.LoadAsync(dashboard, panel) : [];
            if (note is null && series.Any(s => s.Samples.Any(p => !double.IsNaN(p.Value))))
            {
                PanelRenderer.Draw(svg, content, panel, series);
                withData.Add(title);
                continue;
            }
            withoutData.Add(title);
            svg.Text(content.X + content.Width / 2, content.Y + Math.Min(content.Height / 2, 30), "No data", 14, Theme.MutedText, "middle");
            svg.Paragraph(content.X, content.Y + Math.Min(content.Height / 2, 30) + 20, note ?? AllowListReason(dashboard, title), (int)(content.Width / 6.3), 11);
        }
        return new DashboardSnapshot(svg.ToSvg(), withData, withoutData);
    }

    private static string? NotRendered(JsonObject panel)
    {
        var datasource = (string?)panel["datasource"]?["uid"];
        return datasource == ShippedDashboards.PrometheusDatasource
            ? null
            : $"Queries {datasource} ({panel["type"]}), which the live test does not run.";
    }

    private static string AllowListReason(JsonObject dashboard, string title) =>
        LiveAllowList.Entries.FirstOrDefault(e => e.Dashboard == (string?)dashboard["uid"] && (e.Panel is null || e.Panel == title))?.Reason
        ?? "Not on the allow list: the live test fails for this panel.";
}
