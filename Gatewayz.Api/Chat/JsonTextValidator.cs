using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Unicode;
using Gatewayz.Api.Errors;

namespace Gatewayz.Api.Chat;

/// <summary>
/// Checks that every string of a request body — values and property names, read or only forwarded — is
/// Unicode text: valid UTF-8 (RFC 8259 §8.1) whose <c>\uXXXX</c> escapes pair every UTF-16 surrogate,
/// a high one (U+D800–U+DBFF) directly followed by a low one (U+DC00–U+DFFF) (RFC 8259 §8.2, Unicode §3.9).
/// <see cref="JsonDocument"/> accepts both faults, and they surface only later: as an exception when a
/// string is decoded or re-written (a 500), or as U+FFFD silently replacing bytes in what is forwarded.
/// </summary>
public static class JsonTextValidator
{
    private const int EscapeLength = 6; // \uXXXX
    private const int LowerCase = 0x20; // folds an ASCII letter to lower case

    /// <summary>
    /// Null when every string in <paramref name="json"/> is Unicode text; otherwise a 400
    /// <c>invalid_value</c> whose <c>param</c> is the JSON path of the first bad string (for example
    /// <c>messages[0].content</c>; a bad property name is named by its path with its raw text).
    /// <paramref name="json"/> must already have been parsed as valid JSON.
    /// </summary>
    public static GatewayError? FindInvalidString(ReadOnlySpan<byte> json)
    {
        // The common case costs two vectorised passes over the bytes and tokenises nothing: outside
        // strings valid JSON is ASCII, so the whole body is valid UTF-8 exactly when its strings are, and
        // every backslash starts an escape, so the escapes can be checked without knowing where strings are.
        if (Utf8.IsValid(json) && FindLoneSurrogate(json) < 0)
            return null;
        return DescribeFirstInvalidString(json);
    }

    /// <summary>
    /// Where the first unpaired surrogate escape starts in <paramref name="escapedText"/> (JSON string
    /// text as written, or a whole document), or -1.
    /// </summary>
    private static int FindLoneSurrogate(ReadOnlySpan<byte> escapedText)
    {
        var position = 0;
        while (true)
        {
            var backslash = escapedText[position..].IndexOf((byte)'\\');
            if (backslash < 0)
                return -1;
            position += backslash;
            if (escapedText[position + 1] != 'u')
            {
                position += 2; // \n, \", \\ and the like: one character, never half of a pair
                continue;
            }
            if ((escapedText[position + 2] | LowerCase) != 'd')
            {
                position += EscapeLength; // not \uDxxx, so not a surrogate: the common escapes (accents, quotes) end here, unparsed
                continue;
            }

            var unit = CodeUnitOf(escapedText[position..]);
            if (char.IsHighSurrogate(unit) && IsLowSurrogateEscape(escapedText[(position + EscapeLength)..]))
                position += 2 * EscapeLength;
            else if (char.IsSurrogate(unit))
                return position; // a high one with no low one after it, or a low one with no high one before it
            else
                position += EscapeLength;
        }
    }

    private static bool IsLowSurrogateEscape(ReadOnlySpan<byte> text) =>
        text.Length >= EscapeLength && text[0] == '\\' && text[1] == 'u' && char.IsLowSurrogate(CodeUnitOf(text));

    /// <summary>The UTF-16 code unit of the <c>\uXXXX</c> escape <paramref name="escape"/> starts with.</summary>
    private static char CodeUnitOf(ReadOnlySpan<byte> escape) =>
        (char)ushort.Parse(escape.Slice(2, 4), NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture);

    /// <summary>The error path: walks the tokens again, keeping the path, to name the first bad string.</summary>
    private static GatewayError DescribeFirstInvalidString(ReadOnlySpan<byte> json)
    {
        var path = new JsonPathTracker();
        var reader = new Utf8JsonReader(json);
        while (reader.Read())
        {
            switch (reader.TokenType)
            {
                case JsonTokenType.PropertyName:
                    var nameProblem = ProblemOf(ref reader);
                    path.SetProperty(nameProblem is null ? reader.GetString()! : RawText(reader.ValueSpan));
                    if (nameProblem is not null)
                        return GatewayError.InvalidValue(path.ToString(), $"expected Unicode text, but the property name {nameProblem}");
                    break;
                case JsonTokenType.EndObject or JsonTokenType.EndArray:
                    path.Leave();
                    break;
                default:
                    path.StartValue();
                    if (reader.TokenType == JsonTokenType.String && ProblemOf(ref reader) is { } valueProblem)
                        return GatewayError.InvalidValue(path.ToString(), $"expected Unicode text, but the string {valueProblem}");
                    if (reader.TokenType is JsonTokenType.StartObject or JsonTokenType.StartArray)
                        path.Enter(isArray: reader.TokenType == JsonTokenType.StartArray);
                    break;
            }
        }
        // Unreachable for a parsed document (the fast check and this walk read the same bytes); a 400
        // all the same, so that no body can become a 500.
        return GatewayError.InvalidJson("the body is not valid Unicode text.");
    }

    /// <summary>What is wrong with the current string or property name, or null.</summary>
    private static string? ProblemOf(ref Utf8JsonReader reader)
    {
        var text = reader.ValueSpan;
        if (!Utf8.IsValid(text))
            return "is not valid UTF-8.";
        // Without escapes there is no \u to pair.
        var loneSurrogate = reader.ValueIsEscaped ? FindLoneSurrogate(text) : -1;
        if (loneSurrogate < 0)
            return null;
        return $"has a lone UTF-16 surrogate '{Encoding.ASCII.GetString(text.Slice(loneSurrogate, EscapeLength))}': " +
            "a surrogate must be half of a pair, a high one (\\ud800-\\udbff) followed by a low one (\\udc00-\\udfff).";
    }

    /// <summary>A bad property name as the client wrote it: escapes verbatim, invalid bytes as U+FFFD.</summary>
    private static string RawText(ReadOnlySpan<byte> escapedText) => Encoding.UTF8.GetString(escapedText);
}
