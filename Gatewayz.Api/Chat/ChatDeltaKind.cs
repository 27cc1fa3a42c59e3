namespace Gatewayz.Api.Chat;

/// <summary>What a <see cref="ChatDelta"/> adds to a choice of a streamed answer.</summary>
public enum ChatDeltaKind
{
    /// <summary>Answer text (OpenAI <c>delta.content</c>, Anthropic <c>text_delta</c>).</summary>
    Text,

    /// <summary>Reasoning text (<c>reasoning_content</c> / <c>reasoning</c>, Anthropic <c>thinking_delta</c>).</summary>
    Thinking,

    /// <summary>
    /// The signature that closes a reasoning block, in <see cref="ChatDelta.Text"/> (Anthropic's <c>signature</c>,
    /// <c>signature_delta</c>): the provider's proof of its own reasoning, which it asks back with the block.
    /// </summary>
    ThinkingSignature,

    /// <summary>
    /// A reasoning block the provider keeps encrypted, its opaque data in <see cref="ChatDelta.Text"/> (Anthropic's
    /// <c>redacted_thinking</c> block and its <c>data</c>).
    /// </summary>
    RedactedThinking,

    /// <summary>The model's refusal, in words (OpenAI <c>delta.refusal</c>).</summary>
    Refusal,

    /// <summary>A tool call begins: its id and function name (OpenAI's first <c>tool_calls</c> fragment, Anthropic's <c>tool_use</c> block start).</summary>
    ToolCallStarted,

    /// <summary>A fragment of a tool call's arguments JSON (OpenAI <c>function.arguments</c>, Anthropic <c>input_json_delta</c>).</summary>
    ToolArguments,

    /// <summary>The choice finished, for the reason in <see cref="ChatDelta.Text"/> (OpenAI's finish reasons).</summary>
    Finished,
}
