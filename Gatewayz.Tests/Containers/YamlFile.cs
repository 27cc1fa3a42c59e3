using YamlDotNet.RepresentationModel;

namespace Gatewayz.Tests.Containers;

/// <summary>Reads the container configs (rule files, promtool tests, alertmanager.yml) as YAML trees.</summary>
public static class YamlFile
{
    public static YamlMappingNode Load(string path) => Stack.YamlConfig.Load(path);

    public static IEnumerable<YamlMappingNode> Sequence(YamlMappingNode node, string key) =>
        node.Children.TryGetValue(key, out var value) && value is YamlSequenceNode sequence
            ? sequence.Children.Cast<YamlMappingNode>()
            : [];

    public static string? Scalar(YamlMappingNode node, string key) =>
        node.Children.TryGetValue(key, out var value) ? (value as YamlScalarNode)?.Value : null;

    public static Dictionary<string, string> Map(YamlMappingNode node, string key) =>
        node.Children.TryGetValue(key, out var value) && value is YamlMappingNode map
            ? map.Children.ToDictionary(pair => ((YamlScalarNode)pair.Key).Value!, pair => ((YamlScalarNode)pair.Value).Value!)
            : [];
}
