using System.Text.RegularExpressions;

namespace Gatewayz.Tests.Grafana;

/// <summary>
/// The PromQL inside a Prometheus template-variable query: <c>label_values(selector, label)</c>
/// or <c>query_result(expr)</c>. Other forms (<c>label_values(label)</c>, <c>label_names()</c>,
/// <c>metrics(regex)</c>) select no metric.
/// </summary>
public static partial class VariableQuery
{
    public static string? Selector(string query)
    {
        var call = CallPattern().Match(query);
        if (!call.Success)
            return null;
        var arguments = call.Groups["arguments"].Value;
        if (call.Groups["function"].Value == "query_result")
            return arguments;
        var lastComma = LastTopLevelComma(arguments);
        return lastComma < 0 ? null : arguments[..lastComma].Trim();
    }

    private static int LastTopLevelComma(string text)
    {
        var depth = 0;
        var quoted = false;
        var last = -1;
        for (var i = 0; i < text.Length; i++)
        {
            switch (text[i])
            {
                case '"': quoted = !quoted; break;
                case '(' or '{' or '[' when !quoted: depth++; break;
                case ')' or '}' or ']' when !quoted: depth--; break;
                case ',' when !quoted && depth == 0: last = i; break;
            }
        }
        return last;
    }

    [GeneratedRegex(@"^\s*(?<function>label_values|query_result)\s*\((?<arguments>.*)\)\s*$", RegexOptions.Singleline)]
    private static partial Regex CallPattern();
}
