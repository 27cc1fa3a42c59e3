using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace Gatewayz.Tests.Grafana;

/// <summary>
/// Checks the structure of a Grafana alert-rule provisioning file (condition and expression
/// references, datasources, labels, annotations, receivers) and collects its queries.
/// </summary>
public sealed partial class AlertRuleScanner(ProvisionedDatasources datasources, IReadOnlySet<string> contactPoints)
{
    public static readonly IReadOnlySet<string> Severities = new HashSet<string> { "critical", "warning", "info" };

    private static readonly string[] RequiredLabels = ["severity", "category", "component"];
    private static readonly string[] RequiredAnnotations = ["summary", "description", "runbook_url"];
    private static readonly string[] ExpressionTypes = ["reduce", "threshold", "math", "resample", "classic_conditions"];

    public ScanResult Scan(string name, JsonNode file)
    {
        var result = new ScanResult();
        if ((string?)file["apiVersion"] != "1")
            result.Problems.Add($"{name}: apiVersion must be 1");
        foreach (var group in file["groups"].Items())
        {
            var groupLocation = $"{name} › {(string?)group["name"]}";
            if (group["folder"] is null || group["interval"] is null)
                result.Problems.Add($"{groupLocation}: a group needs a folder and an interval");
            foreach (var rule in group["rules"].Items())
                ScanRule($"{groupLocation} › {(string?)rule["uid"]}", rule, result);
        }
        return result;
    }

    private void ScanRule(string location, JsonNode rule, ScanResult result)
    {
        Require(location, rule, ["uid", "title", "condition", "for"], "field", result);
        Require(location, rule["labels"], RequiredLabels, "label", result);
        Require(location, rule["annotations"], RequiredAnnotations, "annotation", result);
        if ((string?)rule["labels"]?["severity"] is { } severity && !Severities.Contains(severity))
            result.Problems.Add($"{location}: severity '{severity}' is not one of {string.Join(", ", Severities)}");
        if ((string?)rule["notification_settings"]?["receiver"] is { } receiver && !contactPoints.Contains(receiver))
            result.Problems.Add($"{location}: receiver '{receiver}' is not a provisioned contact point");

        var data = rule["data"].Items().ToArray();
        var refIds = data.Select(query => (string?)query["refId"] ?? "").ToHashSet(StringComparer.Ordinal);
        if (refIds.Count != data.Length)
            result.Problems.Add($"{location}: refIds must be present and unique");
        if ((string?)rule["condition"] is { } condition && !refIds.Contains(condition))
            result.Problems.Add($"{location}: condition '{condition}' names no query of the rule");

        foreach (var query in data)
            ScanQuery($"{location} › {(string?)query["refId"]}", query, refIds, result);
    }

    private void ScanQuery(string location, JsonNode query, IReadOnlySet<string> refIds, ScanResult result)
    {
        var uid = (string?)query["datasourceUid"] ?? "";
        var model = query["model"];
        if (uid == "__expr__")
        {
            var type = (string?)model?["type"];
            if (!ExpressionTypes.Contains(type))
                result.Problems.Add($"{location}: unknown expression type '{type}'");
            var references = type == "math"
                ? MathReference().Matches((string?)model?["expression"] ?? "").Select(match => match.Groups["ref"].Value)
                : [(string?)model?["expression"] ?? ""];
            foreach (var reference in references.Where(reference => !refIds.Contains(reference)))
                result.Problems.Add($"{location}: expression refers to '{reference}', which is no query of the rule");
            return;
        }
        if (!datasources.TypesByUid.TryGetValue(uid, out var datasourceType))
        {
            result.Problems.Add($"{location}: datasource '{uid}' is not provisioned by datasources.yml");
            return;
        }
        QueryLanguage? language = datasourceType switch { "prometheus" => QueryLanguage.PromQL, "loki" => QueryLanguage.LogQL, _ => null };
        if (language is not null)
            result.Queries.Add(new GrafanaQuery(location, language.Value, (string?)model?["expr"] ?? ""));
    }

    private static void Require(string location, JsonNode? node, IEnumerable<string> keys, string what, ScanResult result)
    {
        foreach (var key in keys.Where(key => string.IsNullOrWhiteSpace((string?)node?[key])))
            result.Problems.Add($"{location}: {what} '{key}' is missing");
    }

    [GeneratedRegex(@"\$\{?(?<ref>[A-Za-z0-9_]+)\}?")]
    private static partial Regex MathReference();
}
