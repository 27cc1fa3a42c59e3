using System.Text.RegularExpressions;

namespace Gatewayz.Tests.Containers.Prometheus;

/// <summary>
/// Finds the metric names a PromQL expression selects. Not a full parser: it removes what cannot be a
/// metric name (strings, label matchers, range and grouping clauses, numbers, durations), then keeps the
/// identifiers that are neither keywords nor function calls.
/// </summary>
public static partial class PromQlMetricNames
{
    private static readonly HashSet<string> Keywords =
    [
        "and", "or", "unless", "by", "without", "on", "ignoring", "group_left", "group_right", "offset", "bool", "inf", "nan",
    ];

    public static IReadOnlySet<string> In(string expression)
    {
        var text = Strings().Replace(expression, " ");
        text = LabelMatchers().Replace(text, " ");
        text = RangesAndSubqueries().Replace(text, " ");
        text = GroupingClauses().Replace(text, " ");
        text = OffsetDurations().Replace(text, " ");
        return Identifiers().Matches(text)
            .Where(match => !match.Groups["call"].Success)
            .Select(match => match.Groups["name"].Value)
            .Where(name => !Keywords.Contains(name.ToLowerInvariant()))
            .ToHashSet();
    }

    [GeneratedRegex("\"(?:[^\"\\\\]|\\\\.)*\"|'(?:[^'\\\\]|\\\\.)*'")]
    private static partial Regex Strings();

    [GeneratedRegex(@"\{[^}]*\}")]
    private static partial Regex LabelMatchers();

    [GeneratedRegex(@"\[[^\]]*\]")]
    private static partial Regex RangesAndSubqueries();

    [GeneratedRegex(@"\b(?:by|without|on|ignoring|group_left|group_right)\s*\([^)]*\)", RegexOptions.IgnoreCase)]
    private static partial Regex GroupingClauses();

    [GeneratedRegex(@"\boffset\s+-?[0-9a-z]+", RegexOptions.IgnoreCase)]
    private static partial Regex OffsetDurations();

    [GeneratedRegex(@"(?<![\w.])(?<name>[a-zA-Z_:][a-zA-Z0-9_:]*)(?<call>\s*\()?")]
    private static partial Regex Identifiers();
}
