using System.Text.Json.Nodes;
using YamlDotNet.Serialization;

namespace Gatewayz.Tests.Grafana;

/// <summary>
/// Reads YAML into the same <see cref="JsonNode"/> shape as dashboard JSON, so one set of walkers
/// serves both. Scalars stay strings, which is all the checks need.
/// </summary>
public static class YamlDocument
{
    private static readonly IDeserializer Reader = new DeserializerBuilder().Build();
    private static readonly ISerializer JsonWriter = new SerializerBuilder().JsonCompatible().Build();

    public static JsonNode Load(string path) => Parse(File.ReadAllText(path));

    public static JsonNode Parse(string yaml)
    {
        var graph = Reader.Deserialize<object?>(yaml) ?? throw new InvalidDataException("empty YAML document");
        return JsonNode.Parse(JsonWriter.Serialize(graph))!;
    }
}
