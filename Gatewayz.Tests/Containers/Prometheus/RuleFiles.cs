using YamlDotNet.RepresentationModel;

namespace Gatewayz.Tests.Containers.Prometheus;

/// <summary>The shipped rule files (containers/prometheus/rules) and promtool test files, read with YamlDotNet.</summary>
public static class RuleFiles
{
    public static string RulesDirectory => Path.Combine(ContainerConfig.Prometheus.Directory, "rules");

    public static string TestsDirectory => Path.Combine(ContainerConfig.Prometheus.Directory, "tests");

    public static IEnumerable<string> RuleFileNames => Directory.GetFiles(RulesDirectory, "*.rules.yml").Order();

    public static IEnumerable<string> TestFileNames => Directory.GetFiles(TestsDirectory, "*.test.yml").Order();

    public static IReadOnlyList<PrometheusRule> All { get; } = RuleFileNames.SelectMany(Read).ToList();

    public static IEnumerable<PrometheusRule> Alerts => All.Where(rule => rule.Alert is not null);

    public static YamlMappingNode Load(string path)
    {
        var stream = new YamlStream();
        using var reader = File.OpenText(path);
        stream.Load(reader);
        return (YamlMappingNode)stream.Documents[0].RootNode;
    }

    public static IEnumerable<YamlMappingNode> Sequence(YamlMappingNode node, string key) =>
        node.Children.TryGetValue(key, out var value) && value is YamlSequenceNode sequence
            ? sequence.Children.Cast<YamlMappingNode>()
            : [];

    public static string? Scalar(YamlMappingNode node, string key) =>
        node.Children.TryGetValue(key, out var value) ? (value as YamlScalarNode)?.Value : null;

    private static IEnumerable<PrometheusRule> Read(string path)
    {
        foreach (var group in Sequence(Load(path), "groups"))
        {
            foreach (var rule in Sequence(group, "rules"))
            {
                yield return new PrometheusRule(
                    Path.GetFileName(path), Scalar(group, "name")!, Scalar(rule, "record"), Scalar(rule, "alert"),
                    Scalar(rule, "expr")!, Map(rule, "labels"), Map(rule, "annotations"));
            }
        }
    }

    private static Dictionary<string, string> Map(YamlMappingNode node, string key) =>
        node.Children.TryGetValue(key, out var value) && value is YamlMappingNode map
            ? map.Children.ToDictionary(pair => ((YamlScalarNode)pair.Key).Value!, pair => ((YamlScalarNode)pair.Value).Value!)
            : [];
}
