namespace Gatewayz.Api.Chat;

/// <summary>
/// What a tool returned for the call <see cref="ToolCallId"/>: OpenAI's <c>tool</c> message, Anthropic's
/// <c>tool_result</c> block (whose <c>content</c> may hold text and images, and <c>is_error</c>).
/// </summary>
public sealed record ToolResultPart(string ToolCallId, IReadOnlyList<ContentPart> Content, bool IsError = false) : ContentPart
{
    public override int TextLength => Content.Sum(part => part.TextLength);
}
