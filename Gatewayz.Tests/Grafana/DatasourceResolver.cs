using System.Text.Json.Nodes;

namespace Gatewayz.Tests.Grafana;

/// <summary>
/// Resolves a datasource reference of a dashboard (a UID string, a <c>{type, uid}</c> object, a
/// <c>${variable}</c> or nothing) to the plugin type of a provisioned datasource, reporting references
/// that no provisioned datasource answers.
/// </summary>
public sealed class DatasourceResolver(ProvisionedDatasources datasources, IReadOnlyDictionary<string, JsonNode> datasourceVariables)
{
    /// <summary>Returns the plugin type, a built-in UID, or null when the reference cannot be resolved.</summary>
    public string? Resolve(string location, JsonNode? reference, string? inherited, ScanResult result)
    {
        var uid = reference switch
        {
            null => null,
            JsonValue value => (string?)value,
            _ => (string?)reference["uid"],
        };
        if (uid is null)
            return inherited ?? datasources.TypesByUid[datasources.DefaultUid];
        if (uid.StartsWith('$'))
            return ResolveVariable(location, uid, result);
        if (ProvisionedDatasources.BuiltIn.Contains(uid))
            return uid;
        if (datasources.TypesByUid.TryGetValue(uid, out var type))
            return type;
        result.Problems.Add($"{location}: datasource '{uid}' is not provisioned by datasources.yml");
        return null;
    }

    private string? ResolveVariable(string location, string reference, ScanResult result)
    {
        var name = reference.Trim('$', '{', '}').Split(':')[0];
        if (!datasourceVariables.TryGetValue(name, out var variable))
        {
            result.Problems.Add($"{location}: '{reference}' is not a datasource variable of the dashboard");
            return null;
        }
        var type = (string?)variable["query"] ?? "";
        if (!datasources.UidsOfType(type).Any())
        {
            result.Problems.Add($"{location}: datasource variable '{name}' lists type '{type}', which no provisioned datasource has");
            return null;
        }
        var current = (string?)variable["current"]?["value"];
        if (current is { Length: > 0 } && !current.StartsWith('$') && current != "default" && !datasources.TypesByUid.ContainsKey(current))
            result.Problems.Add($"{location}: datasource variable '{name}' defaults to '{current}', which is not a provisioned UID");
        return type;
    }
}
