using System.Text.Json.Nodes;

namespace Gatewayz.Tests.Grafana;

/// <summary>
/// Parses queries with Grafana's lezer grammars by running <c>containers/grafana/tests/parse-queries.mjs</c>
/// under Node. Installs the script's locked npm packages on first use when CI has not already done so.
/// </summary>
public static class QueryParser
{
    private static readonly Lazy<string> Script = new(InstallOnce);

    public static IReadOnlyList<ParsedQuery> Parse(IReadOnlyList<GrafanaQuery> queries)
    {
        if (queries.Count == 0)
            return [];
        var input = new JsonArray(queries.Select((query, index) => (JsonNode)new JsonObject
        {
            ["id"] = index,
            ["language"] = query.Language.ToString().ToLowerInvariant(),
            ["query"] = query.Text,
        }).ToArray());

        var outcome = ExternalCommand.Run("node", [Script.Value], GrafanaPaths.QueryParser, input.ToJsonString(), TimeSpan.FromMinutes(1));
        if (outcome.ExitCode != 0)
            throw new InvalidOperationException($"parse-queries.mjs failed ({outcome.ExitCode}): {outcome.Errors}");

        return JsonNode.Parse(outcome.Output)!.AsArray().Select(result => new ParsedQuery(
            queries[(int)result!["id"]!],
            result["errors"]!.AsArray().Select(error => $"at {(int)error!["offset"]!} near '{(string)error["near"]!}'").ToArray(),
            result["metrics"]!.AsArray().Select(metric => (string)metric!).ToArray())).ToArray();
    }

    private static string InstallOnce()
    {
        var directory = GrafanaPaths.QueryParser;
        if (!Directory.Exists(Path.Combine(directory, "node_modules", "@prometheus-io", "lezer-promql")))
        {
            var install = ExternalCommand.Run("npm", ["ci", "--no-audit", "--no-fund", "--loglevel=error"], directory, null, TimeSpan.FromMinutes(5));
            if (install.ExitCode != 0)
                throw new InvalidOperationException($"npm ci in {directory} failed: {install.Errors}");
        }
        return Path.Combine(directory, "parse-queries.mjs");
    }
}
