namespace Gatewayz.Api.Chat;

/// <summary>
/// A conversation turn in the gateway's own terms: its role (<c>system</c>, <c>developer</c>,
/// <c>user</c>, <c>assistant</c>, <c>tool</c>, <c>function</c>) and its content as ordered
/// <see cref="Parts"/>.
/// </summary>
public sealed record ChatMessage(string Role, IReadOnlyList<ContentPart> Parts)
{
    private string? _text;

    /// <summary>A message of plain text (none when <paramref name="text"/> is empty).</summary>
    public ChatMessage(string role, string text) : this(role, text.Length == 0 ? [] : [new TextPart(text)])
    {
    }

    /// <summary>
    /// The text parts joined, without separators — what traces record and the simulator reads; never what
    /// an upstream receives.
    /// </summary>
    public string Content => _text ??= Parts is [TextPart only] ? only.Text : string.Concat(Parts.OfType<TextPart>().Select(part => part.Text));

    /// <summary>Characters over every part (text, tool calls and results, thinking), for token estimates.</summary>
    public int TextLength
    {
        get
        {
            var length = 0;
            for (var i = 0; i < Parts.Count; i++)
                length += Parts[i].TextLength;
            return length;
        }
    }
}
