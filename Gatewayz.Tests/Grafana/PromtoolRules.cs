using System.Text;

namespace Gatewayz.Tests.Grafana;

/// <summary>Writes PromQL queries as a Prometheus recording-rule file, so promtool's own parser can check them too.</summary>
public static class PromtoolRules
{
    public static string Render(IEnumerable<GrafanaQuery> queries)
    {
        var yaml = new StringBuilder("groups:\n  - name: grafana_alert_queries\n    rules:\n");
        var index = 0;
        foreach (var query in queries.Where(query => query.Language == QueryLanguage.PromQL))
        {
            yaml.Append($"      # {query.Location}\n");
            yaml.Append($"      - record: grafana_alert_query_{index++}\n");
            yaml.Append($"        expr: '{query.Text.Replace("'", "''")}'\n");
        }
        return yaml.ToString();
    }
}
