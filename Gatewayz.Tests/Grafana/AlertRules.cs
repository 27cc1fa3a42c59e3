using System.Text.Json.Nodes;

namespace Gatewayz.Tests.Grafana;

/// <summary>Every rule of every provisioned alert-rule file.</summary>
public static class AlertRules
{
    public static IReadOnlyList<AlertRule> All() =>
        GrafanaPaths.AlertRuleFiles().SelectMany(path => YamlDocument.Load(path)["groups"].Items()
            .SelectMany(group => group["rules"].Items())
            .Select(rule => new AlertRule(
                Path.GetFileName(path),
                (string?)rule["uid"] ?? "",
                (string?)rule["title"] ?? "",
                (rule["labels"] as JsonObject ?? []).ToDictionary(label => label.Key, label => label.Value?.ToString() ?? ""),
                (string?)rule["annotations"]?["runbook_url"] ?? "")))
        .ToArray();
}
