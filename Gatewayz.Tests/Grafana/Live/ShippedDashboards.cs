using System.Text.Json.Nodes;
using Gatewayz.Tests.Infrastructure;

namespace Gatewayz.Tests.Grafana.Live;

/// <summary>The dashboards under <c>containers/grafana/dashboards</c> and the queries of their panels.</summary>
public static class ShippedDashboards
{
    public const string PrometheusDatasource = "grafana_prometheus";

    public static string Directory => Path.Combine(RepositoryPaths.Containers, "grafana", "dashboards");

    public static IReadOnlyList<JsonObject> All { get; } = [..
        System.IO.Directory.EnumerateFiles(Directory, "*.json", SearchOption.AllDirectories)
            .Order(StringComparer.Ordinal)
            .Select(file => JsonNode.Parse(File.ReadAllText(file))!.AsObject())];

    public static JsonObject ByUid(string uid) => All.Single(dashboard => (string?)dashboard["uid"] == uid);

    public static IEnumerable<JsonObject> Panels(JsonObject dashboard) =>
        dashboard["panels"]!.AsArray().Select(panel => panel!.AsObject()).Where(panel => (string?)panel["type"] != "row");

    public static IReadOnlyList<DashboardQuery> Queries { get; } = [.. All.SelectMany(QueriesOf)];

    public static IEnumerable<DashboardQuery> QueriesOf(JsonObject dashboard)
    {
        var uid = (string)dashboard["uid"]!;
        var variables = dashboard["templating"]!["list"]!.AsArray().Select(variable => (string)variable!["name"]!).ToHashSet();
        foreach (var panel in Panels(dashboard))
        {
            var panelDatasource = (string?)panel["datasource"]?["uid"];
            foreach (var target in panel["targets"]?.AsArray() ?? [])
            {
                var expression = (string?)target!["expr"];
                if (expression is null)
                    continue;
                yield return new DashboardQuery(uid, (string)panel["title"]!, (string)panel["type"]!, (string)target["refId"]!,
                    (string?)target["datasource"]?["uid"] ?? panelDatasource ?? "", expression, variables);
            }
        }
    }

    /// <summary>Queries Prometheus itself can answer: app metrics and exporter metrics on <c>grafana_prometheus</c>.</summary>
    public static IEnumerable<DashboardQuery> PrometheusQueries => Queries.Where(query => query.DatasourceUid == PrometheusDatasource);
}
