using System.Globalization;
using System.Text.RegularExpressions;

namespace Gatewayz.Tests.Infrastructure;

/// <summary>Reads sample values out of a Prometheus text exposition.</summary>
public static partial class MetricsText
{
    /// <summary>Sum of all samples of <paramref name="name"/> whose labels include every pair given.</summary>
    public static double Sum(string exposition, string name, params (string Label, string Value)[] labels)
    {
        var total = 0.0;
        foreach (Match match in SampleLine().Matches(exposition))
        {
            if (match.Groups["name"].Value != name) continue;
            var labelText = match.Groups["labels"].Value;
            if (labels.All(pair => labelText.Contains($"{pair.Label}=\"{pair.Value}\"", StringComparison.Ordinal)))
                total += double.Parse(match.Groups["value"].Value, CultureInfo.InvariantCulture);
        }
        return total;
    }

    /// <summary>The number of series (sample lines) in the exposition.</summary>
    public static int SeriesCount(string exposition) => SampleLine().Matches(exposition).Count;

    [GeneratedRegex(@"^(?<name>[a-zA-Z_:][a-zA-Z0-9_:]*)(\{(?<labels>[^}]*)\})? (?<value>[^ \n]+)", RegexOptions.Multiline)]
    private static partial Regex SampleLine();
}
