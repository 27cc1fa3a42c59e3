using System.Text.Json.Nodes;

namespace Gatewayz.Tests.Grafana;

/// <summary>The datasources <c>datasources.yml</c> provisions: UID → plugin type, and the default one.</summary>
public sealed record ProvisionedDatasources(IReadOnlyDictionary<string, string> TypesByUid, string DefaultUid)
{
    /// <summary>UIDs Grafana itself provides: expressions, the built-in Grafana source, panel reuse, mixed panels.</summary>
    public static readonly IReadOnlySet<string> BuiltIn = new HashSet<string>(StringComparer.Ordinal)
    {
        "__expr__", "-- Grafana --", "grafana", "-- Dashboard --", "-- Mixed --",
    };

    public static ProvisionedDatasources Load() => From(YamlDocument.Load(GrafanaPaths.Datasources));

    public static ProvisionedDatasources From(JsonNode document)
    {
        var datasources = document["datasources"]!.AsArray().Select(node => node!).ToArray();
        var types = datasources.ToDictionary(node => (string)node["uid"]!, node => (string)node["type"]!, StringComparer.Ordinal);
        var defaultUid = datasources.Where(node => (string?)node["isDefault"] == "true").Select(node => (string)node["uid"]!).SingleOrDefault()
            ?? throw new InvalidDataException("datasources.yml marks no datasource isDefault: true");
        return new ProvisionedDatasources(types, defaultUid);
    }

    public bool Provides(string uid) => TypesByUid.ContainsKey(uid) || BuiltIn.Contains(uid);

    public IEnumerable<string> UidsOfType(string type) => TypesByUid.Where(pair => pair.Value == type).Select(pair => pair.Key);
}
