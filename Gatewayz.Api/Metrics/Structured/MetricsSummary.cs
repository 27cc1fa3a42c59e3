using System.Globalization;
using System.Text.RegularExpressions;

namespace Gatewayz.Api.Metrics.Structured;

/// <summary>
/// The JSON of <c>/prometheus/metrics/summary</c>: per category, each catalog metric's type, number of
/// series and total (counters and gauges: sum of the samples; histograms: observation count and sum).
/// </summary>
public static partial class MetricsSummary
{
    public sealed record MetricSummary(string Type, string Help, int Series, double Total, double? Sum);

    public sealed record CategorySummary(int MetricCount, int SeriesCount, IReadOnlyDictionary<string, MetricSummary> Metrics);

    public sealed record Summary(DateTimeOffset Timestamp, IReadOnlyDictionary<string, CategorySummary> Categories);

    public static Summary Build(string exposition, IReadOnlyList<MetricCategory> categories, DateTimeOffset now)
    {
        var totals = new Dictionary<string, (int Series, double Total, double Sum)>(StringComparer.Ordinal);
        foreach (Match sample in SampleLine().Matches(exposition))
        {
            var name = sample.Groups["name"].Value;
            if (CatalogExposition.DefinitionOf(name) is not { } definition) continue;
            if (!double.TryParse(sample.Groups["value"].Value, NumberStyles.Float, CultureInfo.InvariantCulture, out var value)) continue;
            var current = totals.GetValueOrDefault(definition.Name);
            if (definition.Kind != MetricKind.Histogram)
                totals[definition.Name] = (current.Series + 1, current.Total + value, 0);
            else if (name.EndsWith("_count", StringComparison.Ordinal))
                totals[definition.Name] = (current.Series + 1, current.Total + value, current.Sum);
            else if (name.EndsWith("_sum", StringComparison.Ordinal))
                totals[definition.Name] = current with { Sum = current.Sum + value };
        }

        var result = new SortedDictionary<string, CategorySummary>(StringComparer.Ordinal);
        foreach (var category in categories)
        {
            var metrics = new SortedDictionary<string, MetricSummary>(StringComparer.Ordinal);
            foreach (var definition in MetricCatalog.All)
            {
                if (definition.Category != category) continue;
                var (series, total, sum) = totals.GetValueOrDefault(definition.Name);
                metrics[definition.Name] = new MetricSummary(definition.Kind.ToString().ToLowerInvariant(), definition.Help, series, total,
                    definition.Kind == MetricKind.Histogram ? sum : null);
            }
            result[MetricCategories.NameOf(category)] = new CategorySummary(metrics.Count, metrics.Values.Sum(metric => metric.Series), metrics);
        }
        return new Summary(now, result);
    }

    [GeneratedRegex(@"^(?<name>[a-zA-Z_:][a-zA-Z0-9_:]*)(\{[^}]*\})? (?<value>[^ \n]+)", RegexOptions.Multiline)]
    private static partial Regex SampleLine();
}
