namespace Gatewayz.Tests.Grafana;

/// <summary>Parses queries and reports syntax errors and metrics that are neither in the catalog nor allowed.</summary>
public sealed class QueryChecker(KnownMetrics knownMetrics)
{
    public static QueryChecker Load() => new(KnownMetrics.Load());

    public IReadOnlyList<string> Check(IReadOnlyList<GrafanaQuery> queries)
    {
        var problems = new List<string>();
        foreach (var parsed in QueryParser.Parse(queries))
        {
            var query = parsed.Query;
            problems.AddRange(parsed.Errors.Select(error => $"{query.Location}: {query.Language} syntax error {error} in: {query.Text}"));
            problems.AddRange(parsed.Metrics.Where(metric => !knownMetrics.Contains(metric))
                .Select(metric => $"{query.Location}: metric '{metric}' is not in the catalog, a recording rule or the exporter allow-list"));
        }
        return problems;
    }
}
