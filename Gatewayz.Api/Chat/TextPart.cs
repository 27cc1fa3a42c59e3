namespace Gatewayz.Api.Chat;

/// <summary>Plain text (OpenAI's <c>text</c> part or string content; Anthropic's <c>text</c> block).</summary>
public sealed record TextPart(string Text) : ContentPart
{
    public override int TextLength => Text.Length;
}
