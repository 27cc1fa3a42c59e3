using System.Text.RegularExpressions;
using Gatewayz.Tests.Infrastructure;

namespace Gatewayz.Tests.Grafana;

/// <summary>The Grafana alert rules shipped in provisioning/alerting: complete, parseable, catalog-only, routable.</summary>
public sealed partial class AlertRuleProvisioningTests
{
    private static readonly string[] SeededRuleFiles =
    [
        "traffic_anomalies.yml", "error_rate_anomalies.yml", "latency_anomalies.yml", "availability_anomalies.yml",
        "slo_burn_rate_alerts.yml", "backend_alerts.yml", "model_alerts.yml", "rate_limiter_alerts.yml",
    ];

    private static ScanResult ScanAll()
    {
        var scanner = new AlertRuleScanner(ProvisionedDatasources.Load(), ContactPoints.Load());
        var result = new ScanResult();
        foreach (var path in GrafanaPaths.AlertRuleFiles())
            result.Add(scanner.Scan(Path.GetFileName(path), YamlDocument.Load(path)));
        return result;
    }

    [Fact]
    public void Every_seeded_rule_file_is_provisioned_with_rules() =>
        SeededRuleFiles.Where(file => AlertRules.All().All(rule => rule.File != file)).ShouldBeEmpty();

    [Fact]
    public void Every_alert_rule_is_complete_and_refers_only_to_its_own_queries_and_provisioned_datasources() =>
        ScanAll().Problems.ShouldBeEmpty();

    [Fact]
    public void Every_alert_query_parses_and_names_only_known_metrics()
    {
        var queries = ScanAll().Queries;

        queries.Count.ShouldBeGreaterThan(30);
        QueryChecker.Load().Check(queries).ShouldBeEmpty();
    }

    [Fact]
    public void Alert_rule_uids_are_unique_and_valid_grafana_uids()
    {
        var uids = AlertRules.All().Select(rule => rule.Uid).ToArray();

        uids.ShouldBeUnique();
        uids.Where(uid => !UidPattern().IsMatch(uid)).ShouldBeEmpty();
    }

    [Fact]
    public void Fields_grafana_expands_from_the_environment_contain_no_dollar_sign() =>
        AlertRules.All().Where(rule => rule.Title.Contains('$') || rule.Labels.Values.Any(value => value.Contains('$')))
            .Select(rule => rule.Uid).ShouldBeEmpty("titles and labels are env-expanded by Grafana; write $$ for a literal $");

    [Fact]
    public void Runbook_links_point_to_sections_of_docs_grafana_md()
    {
        var headings = File.ReadAllLines(Path.Combine(RepositoryPaths.Docs, "grafana.md"))
            .Where(line => line.StartsWith('#'))
            .Select(line => Regex.Replace(line.TrimStart('#').Trim().ToLowerInvariant().Replace(' ', '-'), "[^a-z0-9_-]", ""))
            .ToHashSet();

        AlertRules.All().Where(rule => !rule.RunbookUrl.StartsWith("docs/grafana.md#") || !headings.Contains(rule.RunbookUrl.Split('#')[1]))
            .Select(rule => $"{rule.Uid}: {rule.RunbookUrl}").ShouldBeEmpty();
    }

    [Fact]
    public void Alert_rule_queries_are_accepted_by_promtool()
    {
        var directory = Directory.CreateTempSubdirectory("grafana-rules-");
        try
        {
            var rulesFile = Path.Combine(directory.FullName, "rules.yml");
            File.WriteAllText(rulesFile, PromtoolRules.Render(ScanAll().Queries));

            var outcome = ExternalCommand.Run("promtool", ["check", "rules", rulesFile], directory.FullName, null, TimeSpan.FromSeconds(30));

            outcome.ExitCode.ShouldBe(0, outcome.Output + outcome.Errors);
        }
        finally
        {
            directory.Delete(recursive: true);
        }
    }

    [Fact]
    public void Scrape_jobs_named_by_alert_queries_exist_in_the_prometheus_configuration()
    {
        var configurations = Directory.Exists(Path.Combine(RepositoryPaths.Containers, "prometheus"))
            ? Directory.GetFiles(Path.Combine(RepositoryPaths.Containers, "prometheus"), "prometheus.yml*").Select(File.ReadAllText).ToArray()
            : [];
        var jobs = ScanAll().Queries.SelectMany(query => JobMatcher().Matches(query.Text)).Select(match => match.Groups["job"].Value).ToHashSet();

        jobs.ShouldNotBeEmpty();
        if (configurations.Length > 0)
            jobs.Where(job => !configurations.Any(configuration => configuration.Contains($"job_name: {job}"))).ShouldBeEmpty();
    }

    [GeneratedRegex("job=\"(?<job>[^\"]+)\"")]
    private static partial Regex JobMatcher();

    [GeneratedRegex("^[A-Za-z0-9_-]{1,40}$")]
    private static partial Regex UidPattern();
}
