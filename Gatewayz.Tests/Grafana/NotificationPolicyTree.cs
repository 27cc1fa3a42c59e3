using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace Gatewayz.Tests.Grafana;

/// <summary>
/// Grafana's notification-policy routing, enough to follow an alert's labels through
/// <c>notification_policies.yml</c>: depth first, first matching child wins unless it sets
/// <c>continue</c>, timings inherited from the parent.
/// </summary>
public sealed class NotificationPolicyTree(JsonNode root)
{
    public sealed record Route(string Receiver, string GroupWait, string GroupInterval, string RepeatInterval);

    public static NotificationPolicyTree Load(string path) => new(YamlDocument.Load(path)["policies"]!.AsArray()[0]!);

    public IEnumerable<JsonNode> AllPolicies() => Descendants(root);

    public Route Match(IReadOnlyDictionary<string, string> labels) => Match(root, labels, Inherit(root, null));

    private static Route Match(JsonNode policy, IReadOnlyDictionary<string, string> labels, Route inherited)
    {
        foreach (var child in policy["routes"].Items())
        {
            if (!child["object_matchers"].Items().All(matcher => Matches(matcher.AsArray(), labels)))
                continue;
            return Match(child, labels, Inherit(child, inherited));
        }
        return inherited;
    }

    private static Route Inherit(JsonNode policy, Route? parent) => new(
        (string?)policy["receiver"] ?? parent!.Receiver,
        (string?)policy["group_wait"] ?? parent?.GroupWait ?? "30s",
        (string?)policy["group_interval"] ?? parent?.GroupInterval ?? "5m",
        (string?)policy["repeat_interval"] ?? parent?.RepeatInterval ?? "4h");

    private static bool Matches(JsonArray matcher, IReadOnlyDictionary<string, string> labels)
    {
        var value = labels.GetValueOrDefault((string)matcher[0]!, "");
        var expected = (string)matcher[2]!;
        return (string)matcher[1]! switch
        {
            "=" => value == expected,
            "!=" => value != expected,
            "=~" => Regex.IsMatch(value, $"^(?:{expected})$"),
            "!~" => !Regex.IsMatch(value, $"^(?:{expected})$"),
            var op => throw new InvalidDataException($"unknown matcher operator '{op}'"),
        };
    }

    private static IEnumerable<JsonNode> Descendants(JsonNode policy) =>
        new[] { policy }.Concat(policy["routes"].Items().SelectMany(Descendants));
}
