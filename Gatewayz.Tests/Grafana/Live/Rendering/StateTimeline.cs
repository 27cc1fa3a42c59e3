namespace Gatewayz.Tests.Grafana.Live.Rendering;

/// <summary>One row per series, each sample a block coloured by the panel's thresholds.</summary>
public static class StateTimeline
{
    public static void Draw(SvgCanvas svg, PanelBox box, IReadOnlyList<PanelSeries> series, PanelFields fields)
    {
        var shown = series.OrderBy(s => s.Name, StringComparer.Ordinal).Take(12).ToList();
        var samples = shown.SelectMany(s => s.Samples).ToList();
        if (samples.Count == 0)
            return;
        var (start, end) = (samples.Min(p => p.Time), samples.Max(p => p.Time).AddSeconds(1));
        var labelWidth = Math.Min(box.Width * 0.3, 220);
        var rowHeight = Math.Min(26, box.Height / shown.Count);
        var width = box.Width - labelWidth;
        for (var i = 0; i < shown.Count; i++)
        {
            var y = box.Y + i * rowHeight;
            svg.Text(box.X, y + rowHeight * 0.65, PanelRenderer.Shorten(shown[i].Name, (int)(labelWidth / 7)), 11);
            foreach (var sample in shown[i].Samples.Where(p => !double.IsNaN(p.Value)))
            {
                var x = box.X + labelWidth + width * (sample.Time - start).TotalSeconds / (end - start).TotalSeconds;
                svg.Rect(x, y + 2, width / (end - start).TotalSeconds + 0.5, rowHeight - 4, fields.ColorFor(sample.Value));
            }
        }
    }
}
