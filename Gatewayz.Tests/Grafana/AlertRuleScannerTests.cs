namespace Gatewayz.Tests.Grafana;

/// <summary>The alert-rule scanner on inline rule files: each structural mistake is caught.</summary>
public sealed class AlertRuleScannerTests
{
    private const string ValidRule = """
        apiVersion: 1
        groups:
          - orgId: 1
            name: fixture
            folder: Gatewayz
            interval: 1m
            rules:
              - uid: fixture-rule
                title: Fixture
                condition: C
                for: 5m
                data:
                  - refId: A
                    datasourceUid: grafana_prometheus
                    model: { refId: A, expr: 'sum(rate(gatewayz_http_requests_total[5m]))' }
                  - refId: B
                    datasourceUid: __expr__
                    model: { refId: B, type: reduce, expression: A, reducer: last }
                  - refId: C
                    datasourceUid: __expr__
                    model: { refId: C, type: math, expression: '$B > 1 && ${A} > 0' }
                labels: { severity: warning, category: traffic_spike, component: gateway }
                annotations: { summary: s, description: d, runbook_url: 'docs/grafana.md#traffic' }
                notification_settings: { receiver: ops-email }
        """;

    private readonly AlertRuleScanner scanner = new(ProvisionedDatasources.Load(), new HashSet<string> { "ops-email", "critical-email" });

    private ScanResult Scan(string yaml) => scanner.Scan("fixture.yml", YamlDocument.Parse(yaml));

    [Fact]
    public void Valid_rule_has_no_problems_and_yields_its_query()
    {
        var result = Scan(ValidRule);

        result.Problems.ShouldBeEmpty();
        result.Queries.ShouldHaveSingleItem().Text.ShouldBe("sum(rate(gatewayz_http_requests_total[5m]))");
    }

    [Theory]
    [InlineData("condition: C", "condition: D", "condition 'D' names no query")]
    [InlineData("'$B > 1 && ${A} > 0'", "'$B > 1 && $Z > 0'", "refers to 'Z'")]
    [InlineData("expression: A, reducer", "expression: Q, reducer", "refers to 'Q'")]
    [InlineData("datasourceUid: grafana_prometheus", "datasourceUid: prometheus", "datasource 'prometheus' is not provisioned")]
    [InlineData("receiver: ops-email", "receiver: pager", "receiver 'pager' is not a provisioned contact point")]
    [InlineData("severity: warning", "severity: page", "severity 'page'")]
    [InlineData("component: gateway", "owner: gateway", "label 'component' is missing")]
    [InlineData("runbook_url: 'docs/grafana.md#traffic'", "link: x", "annotation 'runbook_url' is missing")]
    [InlineData("type: reduce", "type: sql", "unknown expression type 'sql'")]
    public void Each_structural_mistake_is_reported(string original, string broken, string problem)
    {
        ValidRule.ShouldContain(original);

        Scan(ValidRule.Replace(original, broken)).Problems.ShouldContain(found => found.Contains(problem));
    }
}
