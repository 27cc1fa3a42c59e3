using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Gatewayz.Tests.Infrastructure;

namespace Gatewayz.Tests.Grafana;

/// <summary>datasources.yml: fixed UIDs, environment-driven endpoints, and cross-signal links that land on real datasources.</summary>
public sealed partial class DatasourceProvisioningTests
{
    private static readonly JsonNode Document = YamlDocument.Load(GrafanaPaths.Datasources);

    private static JsonNode Datasource(string uid) =>
        Document["datasources"].Items().Single(datasource => (string?)datasource["uid"] == uid);

    [Fact]
    public void Provisions_each_signal_under_its_fixed_uid()
    {
        var provisioned = ProvisionedDatasources.Load();

        provisioned.TypesByUid.ShouldBe(new Dictionary<string, string>
        {
            ["grafana_prometheus"] = "prometheus",
            ["grafana_mimir"] = "prometheus",
            ["grafana_loki"] = "loki",
            ["grafana_tempo"] = "tempo",
            ["grafana_pyroscope"] = "grafana-pyroscope-datasource",
            ["grafana_postgres"] = "grafana-postgresql-datasource",
        }, ignoreOrder: true);
        provisioned.DefaultUid.ShouldBe("grafana_prometheus");
    }

    [Fact]
    public void Every_endpoint_and_credential_comes_from_the_environment()
    {
        Document["datasources"].Items().Select(datasource => (string)datasource["url"]!)
            .Where(url => !url.StartsWith("${", StringComparison.Ordinal)).ShouldBeEmpty();
        Datasource("grafana_mimir")["url"]!.ToString().ShouldBe("${MIMIR_INTERNAL_URL}/prometheus");

        var postgres = Datasource("grafana_postgres");
        ((string?)postgres["url"], (string?)postgres["user"], (string?)postgres["jsonData"]!["database"], (string?)postgres["secureJsonData"]!["password"])
            .ShouldBe(("${POSTGRES_HOST}", "${POSTGRES_USER}", "${POSTGRES_DB}", "${POSTGRES_PASSWORD}"));
    }

    [Fact]
    public void Every_environment_variable_of_the_provisioning_is_documented()
    {
        var files = new[] { GrafanaPaths.Datasources, GrafanaPaths.DashboardProviders, ContactPoints.FilePath };
        var variables = files.SelectMany(File.ReadAllLines)
            .Where(line => !line.TrimStart().StartsWith('#'))
            .SelectMany(line => EnvironmentReference().Matches(line))
            .Select(match => match.Groups["name"].Value).ToHashSet();
        var docs = File.ReadAllText(Path.Combine(RepositoryPaths.Docs, "grafana.md"));

        variables.ShouldContain("PROMETHEUS_INTERNAL_URL");
        variables.Where(variable => !docs.Contains($"`{variable}`")).ShouldBeEmpty();
    }

    [Fact]
    public void Every_datasource_link_points_to_a_provisioned_datasource()
    {
        var provisioned = ProvisionedDatasources.Load();
        var links = LinkedUids(Document["datasources"]).ToArray();

        links.Length.ShouldBe(8); // 2 exemplar destinations, 2 Loki derived fields, 4 Tempo links
        links.Where(uid => !provisioned.Provides(uid)).ShouldBeEmpty();
    }

    [Theory]
    [InlineData("grafana_prometheus")]
    [InlineData("grafana_mimir")]
    public void Exemplars_with_a_trace_id_open_the_trace_in_tempo(string uid)
    {
        var destination = Datasource(uid)["jsonData"]!["exemplarTraceIdDestinations"].Items().ShouldHaveSingleItem();

        ((string?)destination["name"], (string?)destination["datasourceUid"]).ShouldBe(("trace_id", "grafana_tempo"));
    }

    [Fact]
    public void Mimir_queries_carry_the_tenant_header()
    {
        var mimir = Datasource("grafana_mimir");

        ((string?)mimir["jsonData"]!["httpHeaderName1"], (string?)mimir["secureJsonData"]!["httpHeaderValue1"]).ShouldBe(("X-Scope-OrgID", "anonymous"));
    }

    [Fact]
    public void Loki_turns_a_trace_id_in_a_json_log_line_or_in_a_label_into_a_tempo_link()
    {
        var fields = Datasource("grafana_loki")["jsonData"]!["derivedFields"].Items().ToArray();
        var regexField = fields.Single(field => (string?)field["matcherType"] == "regex");
        var labelField = fields.Single(field => (string?)field["matcherType"] == "label");
        const string logLine = """{"level":"Information","message":"chat completion","trace_id":"4bf92f3577b34da6a3ce929d0e0e4736","span_id":"00f067aa0ba902b7"}""";

        Regex.Match(logLine, (string)regexField["matcherRegex"]!).Groups[1].Value.ShouldBe("4bf92f3577b34da6a3ce929d0e0e4736");
        ((string?)labelField["matcherRegex"]).ShouldBe("trace_id");
        fields.ShouldAllBe(field => (string?)field["datasourceUid"] == "grafana_tempo" && (string?)field["url"] == "$${__value.raw}");
    }

    [Fact]
    public void Tempo_links_spans_to_logs_metrics_profiles_and_the_service_map()
    {
        var tempo = Datasource("grafana_tempo")["jsonData"]!;

        ((string?)tempo["tracesToLogsV2"]!["datasourceUid"]).ShouldBe("grafana_loki");
        ((string?)tempo["tracesToMetrics"]!["datasourceUid"]).ShouldBe("grafana_mimir");
        ((string?)tempo["tracesToProfiles"]!["datasourceUid"]).ShouldBe("grafana_pyroscope");
        ((string?)tempo["serviceMap"]!["datasourceUid"]).ShouldBe("grafana_mimir");
        ((string?)tempo["nodeGraph"]!["enabled"]).ShouldBe("true");
    }

    [Fact]
    public void Tempo_related_metric_queries_parse_and_use_span_metrics()
    {
        // Grafana replaces $__tags (written $$__tags, escaped from env expansion) with the span's tag matchers.
        var queries = Datasource("grafana_tempo")["jsonData"]!["tracesToMetrics"]!["queries"].Items()
            .Select(query => new GrafanaQuery($"tracesToMetrics › {(string?)query["name"]}", QueryLanguage.PromQL,
                ((string)query["query"]!).Replace("$$__tags", "service=\"gatewayz-api\"")))
            .ToArray();

        queries.ShouldNotBeEmpty();
        queries.ShouldAllBe(query => query.Text.Contains("traces_spanmetrics_"));
        QueryChecker.Load().Check(queries).ShouldBeEmpty();
    }

    [Fact]
    public void Dashboards_load_from_the_mounted_folder_with_one_grafana_folder_per_subfolder()
    {
        var provider = YamlDocument.Load(GrafanaPaths.DashboardProviders)["providers"].Items().ShouldHaveSingleItem();

        ((string?)provider["type"], (string?)provider["options"]!["path"], (string?)provider["options"]!["foldersFromFilesStructure"])
            .ShouldBe(("file", "/var/lib/grafana/dashboards", "true"));
    }

    private static IEnumerable<string> LinkedUids(JsonNode? node) => node switch
    {
        JsonObject obj => obj.SelectMany(property => property.Key == "datasourceUid"
            ? [(string)property.Value!]
            : LinkedUids(property.Value)),
        JsonArray array => array.SelectMany(LinkedUids),
        _ => [],
    };

    [GeneratedRegex(@"(?<!\$)\$\{?(?<name>[A-Z][A-Z0-9_]*)\}?")]
    private static partial Regex EnvironmentReference();
}
