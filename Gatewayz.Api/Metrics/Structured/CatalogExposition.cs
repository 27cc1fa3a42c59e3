using System.Collections.Frozen;
using System.Text;
using Prometheus;

namespace Gatewayz.Api.Metrics.Structured;

/// <summary>The registry's Prometheus text exposition, whole or cut down to the catalog metrics of one category.</summary>
public sealed class CatalogExposition(GatewayMetrics metrics)
{
    private static readonly FrozenDictionary<string, MetricDefinition> ByName =
        MetricCatalog.All.ToFrozenDictionary(metric => metric.Name, StringComparer.Ordinal);

    private static readonly string[] HistogramSuffixes = ["_bucket", "_sum", "_count"];

    public async Task<string> ExportAsync(CancellationToken cancellationToken)
    {
        using var buffer = new MemoryStream();
        await metrics.Registry.CollectAndExportAsTextAsync(buffer, ExpositionFormat.PrometheusText, cancellationToken);
        return Encoding.UTF8.GetString(buffer.GetBuffer(), 0, (int)buffer.Length);
    }

    /// <summary>Keeps the HELP, TYPE and sample lines of the category's metrics.</summary>
    public static string Filter(string exposition, MetricCategory category)
    {
        var text = new StringBuilder();
        foreach (var line in exposition.AsSpan().EnumerateLines())
        {
            if (line.IsEmpty) continue;
            if (DefinitionOf(line) is { } definition && definition.Category == category)
                text.Append(line).Append('\n');
        }
        return text.ToString();
    }

    /// <summary>The catalog metric a line of the exposition belongs to, or null (process_*, dotnet_*, …).</summary>
    public static MetricDefinition? DefinitionOf(ReadOnlySpan<char> line)
    {
        if (line.StartsWith("# HELP ") || line.StartsWith("# TYPE "))
            line = line[7..];
        else if (line.StartsWith('#'))
            return null;
        var end = line.IndexOfAny('{', ' ');
        var name = (end < 0 ? line : line[..end]).ToString();
        if (ByName.TryGetValue(name, out var definition)) return definition;
        foreach (var suffix in HistogramSuffixes)
        {
            if (name.EndsWith(suffix, StringComparison.Ordinal) && ByName.TryGetValue(name[..^suffix.Length], out definition)
                && definition.Kind == MetricKind.Histogram)
                return definition;
        }
        return null;
    }
}
