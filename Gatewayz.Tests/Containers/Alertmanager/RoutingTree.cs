using System.Text.RegularExpressions;
using YamlDotNet.RepresentationModel;

namespace Gatewayz.Tests.Containers.Alertmanager;

/// <summary>
/// The timings of the route that a set of labels selects in a rendered alertmanager.yml: the first child of the
/// root route whose matchers all hold, with unset values inherited from the root. Enough for our one-level tree
/// without <c>continue</c>; amtool stays the judge of the receiver.
/// </summary>
public static partial class RoutingTree
{
    public static (string GroupWait, string RepeatInterval) Timings(string configFile, IEnumerable<string> labels)
    {
        var alert = labels.Select(label => label.Split('=', 2)).ToDictionary(pair => pair[0], pair => pair[1]);
        var root = (YamlMappingNode)YamlFile.Load(configFile).Children["route"];
        var route = YamlFile.Sequence(root, "routes").FirstOrDefault(child => Matches(child, alert)) ?? root;
        return (YamlFile.Scalar(route, "group_wait") ?? YamlFile.Scalar(root, "group_wait")!,
            YamlFile.Scalar(route, "repeat_interval") ?? YamlFile.Scalar(root, "repeat_interval")!);
    }

    private static bool Matches(YamlMappingNode route, Dictionary<string, string> alert) =>
        ((YamlSequenceNode)route.Children["matchers"]).Children.Cast<YamlScalarNode>().All(matcher =>
        {
            var parts = Matcher().Match(matcher.Value!);
            var value = alert.GetValueOrDefault(parts.Groups["label"].Value, "");
            var expected = parts.Groups["value"].Value;
            return parts.Groups["op"].Value switch
            {
                "=" => value == expected,
                "!=" => value != expected,
                "=~" => Regex.IsMatch(value, $"^(?:{expected})$"),
                _ => !Regex.IsMatch(value, $"^(?:{expected})$"),
            };
        });

    [GeneratedRegex("^(?<label>\\w+)(?<op>=~|!~|!=|=)\"(?<value>.*)\"$")]
    private static partial Regex Matcher();
}
