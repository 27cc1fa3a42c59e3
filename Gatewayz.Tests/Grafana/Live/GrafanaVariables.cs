using System.Text.RegularExpressions;

namespace Gatewayz.Tests.Grafana.Live;

/// <summary>
/// Replaces Grafana's variables in a PromQL expression the way Grafana would for "last 5 minutes,
/// all values selected": interval variables become fixed durations, dashboard variables match anything.
/// </summary>
public static partial class GrafanaVariables
{
    public static string Substitute(DashboardQuery query, string rateInterval = "1m") =>
        Variable().Replace(query.Expression, match =>
        {
            var name = match.Groups["name"].Value;
            return name switch
            {
                "__rate_interval" => rateInterval,
                "__interval" => "15s",
                "__range" => "5m",
                "__range_s" => "300",
                _ when query.Variables.Contains(name) => ".*",
                _ => throw new InvalidOperationException($"{query.Key} uses ${name}, which the dashboard does not define"),
            };
        });

    [GeneratedRegex(@"\$\{?(?<name>\w+)\}?")]
    private static partial Regex Variable();
}
