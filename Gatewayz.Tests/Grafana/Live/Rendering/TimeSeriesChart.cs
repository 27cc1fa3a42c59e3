namespace Gatewayz.Tests.Grafana.Live.Rendering;

/// <summary>A line chart with a y axis in the panel's unit, a time axis and a legend with last values.</summary>
public static class TimeSeriesChart
{
    private const double AxisWidth = 70;
    private const double LegendLineHeight = 15;

    public static void Draw(SvgCanvas svg, PanelBox box, IReadOnlyList<PanelSeries> series, PanelFields fields)
    {
        var shown = series.Where(s => s.Samples.Any(p => double.IsFinite(p.Value))).OrderBy(s => s.Name, StringComparer.Ordinal).ToList();
        var legendColumns = Math.Max(1, (int)(box.Width / 260));
        var legendRows = Math.Min((shown.Count + legendColumns - 1) / legendColumns, 4);
        var plot = new PanelBox(box.X + AxisWidth, box.Y + 4, box.Width - AxisWidth - 8, box.Height - 22 - legendRows * LegendLineHeight);
        var points = shown.SelectMany(s => s.Samples).Where(p => double.IsFinite(p.Value)).ToList();
        if (points.Count == 0)
            return;

        var (start, end) = (points.Min(p => p.Time), points.Max(p => p.Time));
        var low = Math.Min(fields.Min ?? 0, points.Min(p => p.Value));
        var high = fields.Max ?? Math.Max(points.Max(p => p.Value) * 1.1, low + 1e-9);
        double X(DateTimeOffset t) => plot.X + plot.Width * ((t - start).TotalSeconds / Math.Max((end - start).TotalSeconds, 1));
        double Y(double v) => plot.Bottom - plot.Height * ((Math.Clamp(v, low, high) - low) / (high - low));

        for (var i = 0; i <= 4; i++)
        {
            var value = low + (high - low) * i / 4;
            svg.Line(plot.X, Y(value), plot.Right, Y(value), Theme.Grid);
            svg.Text(plot.X - 6, Y(value) + 4, ValueFormatter.Format(value, fields.Unit), 10, Theme.MutedText, "end");
        }
        for (var i = 0; i <= 3; i++)
        {
            var time = start + (end - start) * i / 3;
            svg.Text(X(time), plot.Bottom + 14, time.ToString("HH:mm:ss"), 10, Theme.MutedText, "middle");
        }

        for (var i = 0; i < shown.Count; i++)
        {
            var color = Theme.Palette[i % Theme.Palette.Length];
            svg.Polyline(shown[i].Samples.Where(p => double.IsFinite(p.Value)).Select(p => (X(p.Time), Y(p.Value))), color);
            if (i >= legendRows * legendColumns)
                continue;
            var lx = box.X + (i % legendColumns) * (box.Width / legendColumns);
            var ly = plot.Bottom + 22 + (i / legendColumns) * LegendLineHeight + 8;
            svg.Rect(lx, ly - 8, 12, 4, color);
            var last = shown[i].Samples.LastOrDefault(p => double.IsFinite(p.Value)).Value;
            svg.Text(lx + 16, ly - 3, PanelRenderer.Shorten($"{shown[i].Name}  {ValueFormatter.Format(last, fields.Unit)}", (int)(box.Width / legendColumns / 6.5) - 3), 10);
        }
    }
}
