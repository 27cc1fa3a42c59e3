namespace Gatewayz.Api.Chat;

/// <summary>
/// The model's reasoning: Anthropic's <c>thinking</c> block (with its <c>signature</c>), the
/// <c>reasoning_content</c> / <c>reasoning</c> of OpenAI-compatible reasoning models. Reasoning the
/// provider keeps encrypted — Anthropic's <c>redacted_thinking</c> block, its <c>data</c> — has no
/// <see cref="Text"/> and is carried, opaque, as <see cref="EncryptedContent"/>.
/// </summary>
public sealed record ThinkingPart(string Text, string? Signature = null, string? EncryptedContent = null) : ContentPart
{
    public override int TextLength => Text.Length;
}
