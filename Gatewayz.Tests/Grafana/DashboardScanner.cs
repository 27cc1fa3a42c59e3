using System.Text.Json.Nodes;

namespace Gatewayz.Tests.Grafana;

/// <summary>
/// Walks a dashboard's annotations, template variables and panels (rows included) and collects
/// every query with its language, checking each datasource reference on the way.
/// </summary>
public sealed class DashboardScanner(ProvisionedDatasources datasources)
{
    public ScanResult Scan(string name, JsonNode dashboard)
    {
        var result = new ScanResult();
        var variables = (dashboard["templating"]?["list"]).Items().ToArray();
        var datasourceVariables = variables
            .Where(variable => (string?)variable["type"] == "datasource")
            .ToDictionary(variable => (string)variable["name"]!, StringComparer.Ordinal);
        var resolver = new DatasourceResolver(datasources, datasourceVariables);

        foreach (var annotation in (dashboard["annotations"]?["list"]).Items())
        {
            var location = $"{name} › annotation \"{(string?)annotation["name"]}\"";
            var type = resolver.Resolve(location, annotation["datasource"], null, result);
            AddQuery(result, location, type, annotation);
        }

        foreach (var variable in variables.Where(variable => (string?)variable["type"] == "query"))
        {
            var location = $"{name} › variable ${(string?)variable["name"]}";
            var type = resolver.Resolve(location, variable["datasource"], null, result);
            if (type == "prometheus" && VariableQuery.Selector(QueryText(variable["query"])) is { } selector)
                result.Queries.Add(new GrafanaQuery(location, QueryLanguage.PromQL, selector));
        }

        foreach (var panel in Panels(dashboard["panels"]))
        {
            var panelLocation = $"{name} › panel {panel["id"]?.ToString()} \"{(string?)panel["title"]}\"";
            var panelType = resolver.Resolve(panelLocation, panel["datasource"], null, result);
            foreach (var target in panel["targets"].Items())
            {
                var location = $"{panelLocation} › {(string?)target["refId"]}";
                var inherited = panelType == "-- Mixed --" ? null : panelType;
                AddQuery(result, location, resolver.Resolve(location, target["datasource"], inherited, result), target);
            }
        }
        return result;
    }

    private static void AddQuery(ScanResult result, string location, string? datasourceType, JsonNode target)
    {
        var (language, field) = datasourceType switch
        {
            "prometheus" => (QueryLanguage.PromQL, "expr"),
            "loki" => (QueryLanguage.LogQL, "expr"),
            // Pyroscope label selectors are PromQL selectors without a metric name.
            "grafana-pyroscope-datasource" => (QueryLanguage.PromQL, "labelSelector"),
            "tempo" when (string?)target["queryType"] is null or "traceql" or "traceqlSearch" => (QueryLanguage.TraceQL, "query"),
            _ => ((QueryLanguage?)null, ""),
        };
        if (language is null || target[field] is not JsonValue value)
            return;
        var text = (string?)value ?? "";
        // The TraceQL search editor may leave the query empty and build it from its filters.
        if (text.Trim().Length == 0 && language == QueryLanguage.TraceQL)
            return;
        result.Queries.Add(new GrafanaQuery(location, language.Value, text));
    }

    private static string QueryText(JsonNode? query) => query switch
    {
        JsonValue value => (string?)value ?? "",
        JsonObject => (string?)query["query"] ?? "",
        _ => "",
    };

    private static IEnumerable<JsonNode> Panels(JsonNode? panels)
    {
        foreach (var panel in panels.Items())
        {
            yield return panel;
            foreach (var nested in Panels(panel["panels"]))
                yield return nested;
        }
    }
}
