using System.Text;

namespace Gatewayz.RealtimeMetrics;

/// <summary>
/// Makes an upstream's error text fit to keep and to show on the monitoring API. Upstreams often quote the request
/// back ("'…' is not one of …", a JSON body they could not parse), and their texts reach any reader of the recent
/// errors, so before an error is stored: control characters become spaces and runs of spaces one; a quoted span
/// longer than <see cref="MaxQuotedLength"/> characters and anything from the first <c>{</c> on (an echoed JSON
/// body) become <c>…</c>; and the whole is cut to <see cref="MaxLength"/> characters.
/// </summary>
public static class ErrorText
{
    /// <summary>The longest text kept, in UTF-16 characters (a cut text ends with <c>…</c>).</summary>
    public const int MaxLength = 200;

    /// <summary>The longest quoted span kept: long enough for a parameter name or an enum value, too short for a prompt.</summary>
    public const int MaxQuotedLength = 32;

    private const char Ellipsis = '…';

    /// <summary>The text to store for <paramref name="text"/>; never longer than <see cref="MaxLength"/>.</summary>
    public static string Sanitize(string text)
    {
        var kept = new StringBuilder(Math.Min(text.Length, MaxLength + 1));
        for (var i = 0; i < text.Length && kept.Length <= MaxLength; i++)
        {
            var c = text[i];
            if (c == '{')
            {
                kept.Append(Ellipsis);
                break;
            }
            if (OpensQuote(text, i) && text.IndexOf(c, i + 1) is var close and > 0 && close - i - 1 > MaxQuotedLength)
            {
                kept.Append(c).Append(Ellipsis).Append(c);
                i = close;
                continue;
            }
            if (char.IsControl(c) || char.IsWhiteSpace(c))
            {
                if (kept.Length > 0 && kept[^1] != ' ') kept.Append(' ');
                continue;
            }
            kept.Append(c);
        }
        return Cut(kept).ToString().Trim();
    }

    /// <summary>A quote mark that starts a quotation: not an apostrophe inside a word ("model's").</summary>
    private static bool OpensQuote(string text, int index) =>
        text[index] is '\'' or '"' or '`' && (index == 0 || !char.IsLetterOrDigit(text[index - 1]));

    private static StringBuilder Cut(StringBuilder kept)
    {
        if (kept.Length <= MaxLength) return kept;
        var length = MaxLength - 1;
        // Never leave half of a surrogate pair behind.
        if (char.IsHighSurrogate(kept[length - 1])) length--;
        return kept.Remove(length, kept.Length - length).Append(Ellipsis);
    }
}
