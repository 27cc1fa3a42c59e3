namespace Gatewayz.Api.Chat;

/// <summary>
/// The model's reasoning: Anthropic's <c>thinking</c> block (with its <c>signature</c>), the
/// <c>reasoning_content</c> / <c>reasoning</c> of OpenAI-compatible reasoning models.
/// </summary>
public sealed record ThinkingPart(string Text, string? Signature = null) : ContentPart
{
    public override int TextLength => Text.Length;
}
