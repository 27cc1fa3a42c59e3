using System.Text.Json.Nodes;

namespace Gatewayz.Tests.Grafana;

public static class JsonNodeExtensions
{
    /// <summary>The non-null items of an array node; nothing when the node is missing or not an array.</summary>
    public static IEnumerable<JsonNode> Items(this JsonNode? node) =>
        node is JsonArray array ? array.Where(item => item is not null).Select(item => item!) : [];
}
