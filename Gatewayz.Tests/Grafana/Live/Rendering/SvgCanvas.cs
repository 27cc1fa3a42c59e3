using System.Globalization;
using System.Security;
using System.Text;

namespace Gatewayz.Tests.Grafana.Live.Rendering;

/// <summary>Collects SVG elements; numbers are written with invariant culture.</summary>
public sealed class SvgCanvas(double width, double height)
{
    private readonly StringBuilder _body = new();

    public void Rect(double x, double y, double w, double h, string fill, string? stroke = null, double radius = 0) =>
        _body.Append(CultureInfo.InvariantCulture, $"""<rect x="{x:0.#}" y="{y:0.#}" width="{Math.Max(w, 0):0.#}" height="{Math.Max(h, 0):0.#}" rx="{radius:0.#}" fill="{fill}"{(stroke is null ? "" : $" stroke=\"{stroke}\"")}/>""").AppendLine();

    public void Line(double x1, double y1, double x2, double y2, string stroke, double width = 1) =>
        _body.Append(CultureInfo.InvariantCulture, $"""<line x1="{x1:0.#}" y1="{y1:0.#}" x2="{x2:0.#}" y2="{y2:0.#}" stroke="{stroke}" stroke-width="{width:0.#}"/>""").AppendLine();

    public void Polyline(IEnumerable<(double X, double Y)> points, string stroke, double width = 1.5) =>
        _body.Append(CultureInfo.InvariantCulture, $"""<polyline fill="none" stroke="{stroke}" stroke-width="{width:0.#}" points="{string.Join(' ', points.Select(p => string.Create(CultureInfo.InvariantCulture, $"{p.X:0.#},{p.Y:0.#}")))}"/>""").AppendLine();

    public void Text(double x, double y, string text, double size = 12, string fill = Theme.Text, string anchor = "start", bool bold = false) =>
        _body.Append(CultureInfo.InvariantCulture, $"""<text x="{x:0.#}" y="{y:0.#}" font-family="DejaVu Sans, sans-serif" font-size="{size:0.#}" fill="{fill}" text-anchor="{anchor}"{(bold ? " font-weight=\"bold\"" : "")}>{SecurityElement.Escape(text)}</text>""").AppendLine();

    /// <summary>Writes text wrapped to <paramref name="maxChars"/> per line; returns the y below the last line.</summary>
    public double Paragraph(double x, double y, string text, int maxChars, double size = 12, string fill = Theme.MutedText)
    {
        var line = new StringBuilder();
        foreach (var word in text.Split(' ', StringSplitOptions.RemoveEmptyEntries))
        {
            if (line.Length + word.Length + 1 > maxChars && line.Length > 0)
            {
                Text(x, y, line.ToString(), size, fill);
                y += size * 1.35;
                line.Clear();
            }
            line.Append(line.Length == 0 ? "" : " ").Append(word);
        }
        if (line.Length > 0)
            Text(x, y, line.ToString(), size, fill);
        return y + size * 1.35;
    }

    public string ToSvg() =>
        string.Create(CultureInfo.InvariantCulture, $"""<svg xmlns="http://www.w3.org/2000/svg" width="{width:0}" height="{height:0}" viewBox="0 0 {width:0} {height:0}">""")
        + "\n" + _body + "</svg>\n";
}
