using System.Globalization;

namespace Gatewayz.Tests.Grafana.Live.Rendering;

/// <summary>
/// A heatmap of cumulative histogram buckets (one series per <c>le</c>): each bucket's own count per
/// time step, darker orange for more.
/// </summary>
public static class HeatmapChart
{
    private const double AxisWidth = 70;

    public static void Draw(SvgCanvas svg, PanelBox box, IReadOnlyList<PanelSeries> series, PanelFields fields)
    {
        var buckets = series
            .Select(s => (Le: s.Name == "+Inf" ? double.PositiveInfinity : double.Parse(s.Name, CultureInfo.InvariantCulture), s.Samples))
            .OrderBy(b => b.Le).ToList();
        var times = buckets.SelectMany(b => b.Samples.Select(p => p.Time)).Distinct().Order().ToList();
        if (buckets.Count == 0 || times.Count == 0)
            return;
        var cumulative = buckets.Select(b => b.Samples.ToDictionary(p => p.Time, p => double.IsNaN(p.Value) ? 0 : p.Value)).ToList();
        double Count(int bucket, DateTimeOffset t) =>
            cumulative[bucket].GetValueOrDefault(t) - (bucket == 0 ? 0 : cumulative[bucket - 1].GetValueOrDefault(t));
        var max = Math.Max(Enumerable.Range(0, buckets.Count).SelectMany(b => times.Select(t => Count(b, t))).Max(), 1e-9);

        var cellWidth = (box.Width - AxisWidth) / times.Count;
        var cellHeight = (box.Height - 18) / buckets.Count;
        for (var b = 0; b < buckets.Count; b++)
        {
            var y = box.Y + (buckets.Count - 1 - b) * cellHeight;
            if (b % Math.Max(1, buckets.Count / 6) == 0)
                svg.Text(box.X + AxisWidth - 6, y + cellHeight * 0.7, "≤ " + ValueFormatter.Format(buckets[b].Le, fields.Unit), 10, Theme.MutedText, "end");
            for (var t = 0; t < times.Count; t++)
            {
                var share = Math.Clamp(Count(b, times[t]) / max, 0, 1);
                if (share > 0)
                    svg.Rect(box.X + AxisWidth + t * cellWidth, y, cellWidth - 1, cellHeight - 1, $"rgba(255,120,10,{(0.15 + 0.85 * share).ToString("0.##", CultureInfo.InvariantCulture)})");
            }
        }
        svg.Text(box.X + AxisWidth, box.Bottom - 2, times[0].ToString("HH:mm:ss"), 10, Theme.MutedText);
        svg.Text(box.Right, box.Bottom - 2, times[^1].ToString("HH:mm:ss"), 10, Theme.MutedText, "end");
    }
}
