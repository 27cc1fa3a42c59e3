namespace Gatewayz.Api.Chat;

/// <summary>
/// One part of a message's content, in the gateway's own format-free terms, in the order the client
/// sent them: <see cref="TextPart"/>, <see cref="ImagePart"/>, <see cref="ToolCallPart"/>,
/// <see cref="ToolResultPart"/>, <see cref="ThinkingPart"/>, and <see cref="OpaquePart"/> for what only the
/// client's format can say. Translation between wire formats goes
/// through these, so nothing a format can say is flattened into text on the way.
/// </summary>
public abstract record ContentPart
{
    /// <summary>The characters the part carries, for token estimates.</summary>
    public abstract int TextLength { get; }
}
