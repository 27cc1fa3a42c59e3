using YamlDotNet.RepresentationModel;

namespace Gatewayz.Tests.Containers.Stack;

/// <summary>Reads a container's YAML config and walks it by key, failing with the path that is missing.</summary>
internal static class YamlConfig
{
    public static YamlMappingNode Load(string path)
    {
        using var reader = new StreamReader(path);
        var stream = new YamlStream();
        stream.Load(reader);
        return stream.Documents.ShouldHaveSingleItem().RootNode.ShouldBeOfType<YamlMappingNode>();
    }

    public static YamlNode At(this YamlNode node, params string[] keys)
    {
        foreach (var key in keys)
        {
            var mapping = node.ShouldBeOfType<YamlMappingNode>($"'{key}' is under a value that is not a mapping");
            mapping.Children.ContainsKey(key).ShouldBeTrue($"missing key '{string.Join('.', keys)}'");
            node = mapping.Children[key];
        }

        return node;
    }

    public static bool Has(this YamlNode node, string key) =>
        node is YamlMappingNode mapping && mapping.Children.ContainsKey(key);

    public static string Text(this YamlNode node, params string[] keys) =>
        node.At(keys).ShouldBeOfType<YamlScalarNode>().Value ?? string.Empty;

    public static IReadOnlyList<string> Texts(this YamlNode node, params string[] keys) =>
        node.At(keys).ShouldBeOfType<YamlSequenceNode>().Children
            .Select(child => child.ShouldBeOfType<YamlScalarNode>().Value ?? string.Empty)
            .ToList();

    public static YamlNode Single(this YamlNode node, params string[] keys) =>
        node.At(keys).ShouldBeOfType<YamlSequenceNode>().Children.ShouldHaveSingleItem();
}
