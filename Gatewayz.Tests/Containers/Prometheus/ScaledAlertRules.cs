using System.Text.RegularExpressions;

namespace Gatewayz.Tests.Containers.Prometheus;

/// <summary>
/// Copies of the shipped Prometheus rule files whose <c>for:</c> durations are divided by <see cref="TimeScale"/>
/// (at least <see cref="MinimumForSeconds"/>), so an alert that waits 5 minutes in production waits 10 seconds in
/// a test. Expressions, thresholds and labels are unchanged. Self-contained: the AppHost tests compile it too.
/// </summary>
public static partial class ScaledAlertRules
{
    /// <summary>Rule durations run this many times faster than in production (scrapes: 15 s → 1 s).</summary>
    public const int TimeScale = 30;

    /// <summary>
    /// No scaled <c>for:</c> is shorter than this: on a busy machine a scrape can miss its 1 s timeout now
    /// and then, and a 4 s GatewayApiDown must not fire from a few slow scrapes of a healthy gateway.
    /// </summary>
    public const int MinimumForSeconds = 10;

    /// <summary>Writes the scaled copy of every <c>*.rules.yml</c> in <paramref name="rulesDirectory"/> into <paramref name="targetDirectory"/>.</summary>
    public static string Write(string rulesDirectory, string targetDirectory)
    {
        Directory.CreateDirectory(targetDirectory);
        foreach (var file in Directory.GetFiles(rulesDirectory, "*.rules.yml"))
        {
            var scaled = ForDuration().Replace(File.ReadAllText(file),
                match => $"for: {Math.Max(MinimumForSeconds, Seconds(match.Groups["value"].Value, match.Groups["unit"].Value) / TimeScale)}s");
            File.WriteAllText(Path.Combine(targetDirectory, Path.GetFileName(file)), scaled);
        }
        return targetDirectory;
    }

    private static int Seconds(string value, string unit) => int.Parse(value) * unit switch { "h" => 3600, "m" => 60, _ => 1 };

    [GeneratedRegex(@"for: (?<value>\d+)(?<unit>[smh])\b")]
    private static partial Regex ForDuration();
}
