using System.Text.Json.Nodes;

namespace Gatewayz.Tests.Grafana;

/// <summary>The dashboard scanner on inline dashboards: what it finds, and which datasource references it rejects.</summary>
public sealed class DashboardScannerTests
{
    private readonly DashboardScanner scanner = new(ProvisionedDatasources.Load());

    private ScanResult Scan(string json) => scanner.Scan("fixture.json", JsonNode.Parse(json)!);

    [Fact]
    public void Queries_in_rows_annotations_and_variables_are_found_with_their_language()
    {
        var result = Scan("""
            {
              "annotations": { "list": [ { "name": "Deploys", "datasource": { "type": "prometheus", "uid": "grafana_prometheus" },
                                           "expr": "changes(gatewayz_build_info[5m]) > 0" } ] },
              "templating": { "list": [
                { "name": "provider", "type": "query", "datasource": { "uid": "grafana_prometheus" },
                  "query": { "query": "label_values(gatewayz_provider_health_score{environment=\"prod\"}, provider)" } },
                { "name": "level", "type": "custom", "query": "error,warn" } ] },
              "panels": [
                { "id": 1, "type": "row", "title": "Logs", "panels": [
                  { "id": 2, "title": "Errors", "datasource": { "type": "loki", "uid": "grafana_loki" },
                    "targets": [ { "refId": "A", "expr": "{service_name=\"gatewayz-api\"} | json" } ] } ] },
                { "id": 3, "title": "Traces", "datasource": { "type": "tempo", "uid": "grafana_tempo" },
                  "targets": [ { "refId": "A", "queryType": "traceql", "query": "{ status = error }" },
                               { "refId": "B", "queryType": "serviceMap" } ] },
                { "id": 4, "title": "Default datasource", "targets": [ { "refId": "A", "expr": "up" } ] },
                { "id": 5, "title": "Flamegraph", "datasource": { "uid": "grafana_pyroscope" },
                  "targets": [ { "refId": "A", "labelSelector": "{service_name=\"gatewayz-api\"}" } ] },
                { "id": 6, "title": "Hourly", "datasource": { "uid": "grafana_postgres" },
                  "targets": [ { "refId": "A", "rawSql": "select 1" } ] }
              ]
            }
            """);

        result.Problems.ShouldBeEmpty();
        result.Queries.Select(query => (query.Location, query.Language)).ShouldBe(
        [
            ("fixture.json › annotation \"Deploys\"", QueryLanguage.PromQL),
            ("fixture.json › variable $provider", QueryLanguage.PromQL),
            ("fixture.json › panel 2 \"Errors\" › A", QueryLanguage.LogQL),
            ("fixture.json › panel 3 \"Traces\" › A", QueryLanguage.TraceQL),
            ("fixture.json › panel 4 \"Default datasource\" › A", QueryLanguage.PromQL),
            ("fixture.json › panel 5 \"Flamegraph\" › A", QueryLanguage.PromQL),
        ]);
        result.Queries[1].Text.ShouldBe("gatewayz_provider_health_score{environment=\"prod\"}");
    }

    [Fact]
    public void Datasource_uid_that_is_not_provisioned_is_reported()
    {
        var result = Scan("""
            { "panels": [ { "id": 7, "title": "Old", "datasource": { "type": "prometheus", "uid": "prometheus" },
                            "targets": [ { "refId": "A", "expr": "up" } ] } ] }
            """);

        result.Problems.ShouldContain("fixture.json › panel 7 \"Old\": datasource 'prometheus' is not provisioned by datasources.yml");
    }

    [Fact]
    public void Datasource_variable_resolves_to_the_provisioned_type_and_mixed_panels_use_their_targets()
    {
        var result = Scan("""
            { "templating": { "list": [ { "name": "metrics", "type": "datasource", "query": "prometheus",
                                          "current": { "value": "grafana_mimir" } } ] },
              "panels": [ { "id": 1, "title": "Mixed", "datasource": { "uid": "-- Mixed --" },
                            "targets": [ { "refId": "A", "datasource": { "uid": "${metrics}" }, "expr": "up" },
                                         { "refId": "B", "datasource": "grafana_loki", "expr": "{job=\"x\"}" } ] } ] }
            """);

        result.Problems.ShouldBeEmpty();
        result.Queries.Select(query => query.Language).ShouldBe([QueryLanguage.PromQL, QueryLanguage.LogQL]);
    }

    [Theory]
    [InlineData("""{ "name": "ds", "type": "datasource", "query": "influxdb" }""", "lists type 'influxdb'")]
    [InlineData("""{ "name": "ds", "type": "datasource", "query": "prometheus", "current": { "value": "P1809F7CD0C75ACF3" } }""", "defaults to 'P1809F7CD0C75ACF3'")]
    [InlineData("""{ "name": "other", "type": "custom", "query": "a,b" }""", "'$ds' is not a datasource variable")]
    public void Datasource_variable_that_resolves_to_no_provisioned_datasource_is_reported(string variable, string problem)
    {
        var result = Scan($$"""
            { "templating": { "list": [ {{variable}} ] },
              "panels": [ { "id": 1, "title": "P", "datasource": "$ds", "targets": [ { "refId": "A", "expr": "up" } ] } ] }
            """);

        result.Problems.ShouldContain(found => found.Contains(problem));
    }
}
