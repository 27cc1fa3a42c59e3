using System.Text.Json.Nodes;

namespace Gatewayz.Tests.Grafana.Live.Rendering;

/// <summary>Draws one panel's content the way its Grafana panel type would, in simplified form.</summary>
public static class PanelRenderer
{
    public static void Draw(SvgCanvas svg, PanelBox box, JsonObject panel, IReadOnlyList<PanelSeries> series)
    {
        var fields = PanelFields.Of(panel);
        switch ((string?)panel["type"])
        {
            case "timeseries":
                TimeSeriesChart.Draw(svg, box, series, fields);
                break;
            case "stat" or "gauge":
                ValueTile(svg, box, series, fields);
                break;
            case "bargauge":
                Bars(svg, box, series, fields);
                break;
            case "heatmap":
                HeatmapChart.Draw(svg, box, series, fields);
                break;
            case "state-timeline":
                StateTimeline.Draw(svg, box, series, fields);
                break;
            default:
                ValueList(svg, box, series, fields);
                break;
        }
    }

    private static void ValueTile(SvgCanvas svg, PanelBox box, IReadOnlyList<PanelSeries> series, PanelFields fields)
    {
        var value = series.Select(s => s.Last).FirstOrDefault(v => !double.IsNaN(v), double.NaN);
        var color = double.IsNaN(value) ? Theme.Border : fields.ColorFor(value);
        svg.Rect(box.X, box.Y, box.Width, box.Height, color, radius: 2);
        var size = Math.Min(box.Height * 0.45, box.Width / 6);
        svg.Text(box.X + box.Width / 2, box.Y + box.Height / 2 + size / 3, ValueFormatter.Format(value, fields.Unit), size, "#111217", "middle", bold: true);
    }

    private static void Bars(SvgCanvas svg, PanelBox box, IReadOnlyList<PanelSeries> series, PanelFields fields)
    {
        var shown = series.Where(s => !double.IsNaN(s.Last)).OrderByDescending(s => s.Last).Take(8).ToList();
        var max = fields.Max ?? Math.Max(shown.Select(s => s.Last).DefaultIfEmpty(1).Max(), 1e-12);
        var rowHeight = Math.Min(28, box.Height / Math.Max(shown.Count, 1));
        var labelWidth = box.Width * 0.35;
        for (var i = 0; i < shown.Count; i++)
        {
            var y = box.Y + i * rowHeight;
            var barWidth = (box.Width - labelWidth - 90) * Math.Clamp(shown[i].Last / max, 0, 1);
            svg.Text(box.X, y + rowHeight * 0.65, Shorten(shown[i].Name, (int)(labelWidth / 7)), 11);
            svg.Rect(box.X + labelWidth, y + 3, box.Width - labelWidth - 90, rowHeight - 6, Theme.Grid);
            svg.Rect(box.X + labelWidth, y + 3, barWidth, rowHeight - 6, fields.HasThresholds ? fields.ColorFor(shown[i].Last) : Theme.Palette[i % Theme.Palette.Length]);
            svg.Text(box.Right, y + rowHeight * 0.65, ValueFormatter.Format(shown[i].Last, fields.Unit), 11, anchor: "end");
        }
    }

    private static void ValueList(SvgCanvas svg, PanelBox box, IReadOnlyList<PanelSeries> series, PanelFields fields)
    {
        var y = box.Y + 14;
        foreach (var s in series.Take((int)(box.Height / 16)))
        {
            svg.Text(box.X, y, Shorten(s.Name, (int)(box.Width / 7) - 14), 11);
            svg.Text(box.Right, y, ValueFormatter.Format(s.Last, fields.Unit), 11, anchor: "end");
            y += 16;
        }
    }

    public static string Shorten(string text, int maxChars) =>
        text.Length <= maxChars ? text : text[..Math.Max(maxChars - 1, 1)] + "…";
}
