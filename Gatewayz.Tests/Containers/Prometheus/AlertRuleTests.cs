using System.Text.RegularExpressions;
using YamlDotNet.RepresentationModel;

namespace Gatewayz.Tests.Containers.Prometheus;

/// <summary>Every alert is actionable and routable, and promtool tests show it both firing and quiet.</summary>
public sealed partial class AlertRuleTests
{
    /// <summary>Bounded cardinality: no user ids or API keys as labels.</summary>
    private static readonly HashSet<string> PerClientLabels = ["user", "user_id", "api_key", "key", "key_id"];

    private static readonly string[] Severities = ["warning", "critical"];

    [Fact]
    public void Every_alert_has_severity_category_component_and_a_runbook_section()
    {
        var runbooks = File.ReadAllText(Path.Combine(Infrastructure.RepositoryPaths.Docs, "runbooks.md"));

        RuleFiles.Alerts.Count().ShouldBeGreaterThan(30);
        foreach (var alert in RuleFiles.Alerts)
        {
            alert.Labels.ShouldContainKey("severity", alert.Name);
            Severities.ShouldContain(alert.Labels["severity"], alert.Name);
            alert.Labels.ShouldContainKey("category", alert.Name);
            alert.Labels.ShouldContainKey("component", alert.Name);
            alert.Annotations.Keys.ShouldBe(["summary", "description", "runbook_url"], ignoreOrder: true, alert.Name);
            alert.Annotations["runbook_url"].ShouldBe($"docs/runbooks.md#{alert.Name.ToLowerInvariant()}", alert.Name);
            runbooks.ShouldContain($"\n## {alert.Name}\n", customMessage: $"docs/runbooks.md has no section for {alert.Name}");
        }
    }

    [Fact]
    public void No_rule_selects_or_groups_by_a_user_or_api_key_label()
    {
        foreach (var rule in RuleFiles.All)
        {
            var labels = LabelLists().Matches(rule.Expression)
                .SelectMany(match => match.Groups["labels"].Value.Split(',', StringSplitOptions.TrimEntries))
                .Concat(MatcherNames().Matches(rule.Expression).Select(match => match.Groups["label"].Value));
            labels.ShouldNotContain(label => PerClientLabels.Contains(label), rule.Name);
        }
    }

    [Fact]
    public void Every_alert_has_a_promtool_test_where_it_fires_and_one_where_it_stays_quiet()
    {
        var firing = new HashSet<string>();
        var quiet = new HashSet<string>();
        foreach (var file in RuleFiles.TestFileNames)
        {
            foreach (var test in YamlFile.Sequence(YamlFile.Load(file), "tests"))
            {
                foreach (var check in YamlFile.Sequence(test, "alert_rule_test"))
                {
                    var name = YamlFile.Scalar(check, "alertname")!;
                    var expected = check.Children.TryGetValue("exp_alerts", out var alerts) ? (YamlSequenceNode)alerts : null;
                    (expected is { Children.Count: > 0 } ? firing : quiet).Add(name);
                }
            }
        }

        foreach (var alert in RuleFiles.Alerts.Select(alert => alert.Name).Distinct())
        {
            firing.ShouldContain(alert, $"no promtool test shows {alert} firing");
            quiet.ShouldContain(alert, $"no promtool test shows {alert} quiet");
        }
    }

    [GeneratedRegex(@"\b(?:by|without|on|ignoring)\s*\((?<labels>[^)]*)\)")]
    private static partial Regex LabelLists();

    [GeneratedRegex(@"[{,]\s*(?<label>[a-zA-Z_][a-zA-Z0-9_]*)\s*(?:=|!=|=~|!~)")]
    private static partial Regex MatcherNames();
}
