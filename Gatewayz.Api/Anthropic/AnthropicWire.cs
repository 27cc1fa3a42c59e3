using System.Text.Json;
using Gatewayz.Api.Chat;
using Gatewayz.Api.Providers;

namespace Gatewayz.Api.Anthropic;

/// <summary>Anthropic's Messages response and streaming event shapes.</summary>
public static class AnthropicWire
{
    /// <summary>
    /// Anthropic's <c>stop_reason</c> for an OpenAI finish reason: <c>stop_sequence</c> when the answer
    /// stopped at a stop sequence the upstream named, <c>tool_use</c> when it ended with tool calls — also
    /// when the upstream said <c>stop</c> (Gemini's OpenAI-compatible stream does), since an agent waits for
    /// <c>tool_use</c> to run them — and <c>end_turn</c> for any other stop.
    /// </summary>
    public static string StopReason(string finishReason, string? stopSequence = null, bool hasToolUse = false) => finishReason switch
    {
        FinishReasons.Stop when hasToolUse => "tool_use",
        FinishReasons.Stop when stopSequence is not null => "stop_sequence",
        FinishReasons.Length => "max_tokens",
        FinishReasons.ToolCalls or FinishReasons.FunctionCall => "tool_use",
        FinishReasons.ContentFilter => "refusal",
        _ => "end_turn",
    };

    /// <summary>
    /// A non-streamed message whose content blocks are <paramref name="parts"/> in order: text, thinking
    /// and tool_use blocks (see <see cref="WriteBlock"/>).
    /// </summary>
    public static void WriteMessage(Utf8JsonWriter writer, ResponseIdentity identity, IReadOnlyList<ContentPart> parts, string finishReason, string? stopSequence, TokenUsage usage)
    {
        writer.WriteStartObject();
        WriteMessageHeader(writer, identity);
        writer.WriteStartArray("content");
        var hasToolUse = false;
        var index = 0;
        foreach (var part in parts)
        {
            // Anthropic refuses a text block of whitespace alone when a client sends it back (vLLM often
            // writes "\n\n" before tool calls): it carries nothing, so it is left out.
            if (part is TextPart { Text: var text } && string.IsNullOrWhiteSpace(text))
                continue;
            hasToolUse |= part is ToolCallPart;
            WriteBlock(writer, part is ToolCallPart call ? call with { Id = ToolUseId(identity, call.Id, index) } : part);
            index++;
        }
        writer.WriteEndArray();
        WriteStop(writer, finishReason, stopSequence, hasToolUse);
        WriteUsage(writer, usage);
        writer.WriteEndObject();
    }

    private static void WriteStop(Utf8JsonWriter writer, string finishReason, string? stopSequence, bool hasToolUse)
    {
        var stopReason = StopReason(finishReason, stopSequence, hasToolUse);
        writer.WriteString("stop_reason", stopReason);
        if (stopReason == "stop_sequence") writer.WriteString("stop_sequence", stopSequence);
        else writer.WriteNull("stop_sequence");
    }

    /// <summary>
    /// The id of a <c>tool_use</c> block: the upstream's call id, or — when it gave none (a call without
    /// <c>id</c>, the deprecated <c>function_call</c>) — one made from the response id and the block's
    /// index, since the client must name the call in its <c>tool_result</c>.
    /// </summary>
    public static string ToolUseId(ResponseIdentity identity, string? upstreamId, int blockIndex) =>
        string.IsNullOrEmpty(upstreamId) ? $"toolu_{identity.Id}_{blockIndex}" : upstreamId;

    /// <summary>
    /// One content block with everything in it: <c>{"type":"text","text"}</c>,
    /// <c>{"type":"thinking","thinking","signature"}</c> (the signature empty when the upstream gave none),
    /// <c>{"type":"redacted_thinking","data"}</c> or
    /// <c>{"type":"tool_use","id","name","input"}</c>, whose input is the call's arguments JSON.
    /// </summary>
    public static void WriteBlock(Utf8JsonWriter writer, ContentPart part)
    {
        writer.WriteStartObject();
        switch (part)
        {
            case TextPart text:
                writer.WriteString("type", "text");
                writer.WriteString("text", text.Text);
                break;
            case ThinkingPart { EncryptedContent: { } data }:
                writer.WriteString("type", "redacted_thinking");
                writer.WriteString("data", data);
                break;
            case ThinkingPart thinking:
                writer.WriteString("type", "thinking");
                writer.WriteString("thinking", thinking.Text);
                writer.WriteString("signature", thinking.Signature ?? "");
                break;
            case ToolCallPart call:
                WriteToolUse(writer, call.Id, call.Name);
                writer.WritePropertyName("input");
                writer.WriteRawValue(ToolInput(call.Arguments));
                break;
            default:
                throw new InvalidOperationException($"An answer cannot hold a {part.GetType().Name}.");
        }
        writer.WriteEndObject();
    }

    /// <summary>
    /// The arguments of a tool call as Anthropic's <c>input</c>, which must be a JSON object: none at all
    /// is <c>{}</c>; anything else than an object cannot be expressed and fails the answer (a streamed one when
    /// the call's block closes, before the message says it ended).
    /// </summary>
    /// <exception cref="UpstreamException"><see cref="UpstreamFailureKind.InvalidResponse"/>: not a JSON object.</exception>
    public static string ToolInput(string arguments)
    {
        if (string.IsNullOrWhiteSpace(arguments))
            return "{}";
        try
        {
            using var document = JsonDocument.Parse(arguments);
            if (document.RootElement.ValueKind == JsonValueKind.Object)
                return arguments;
        }
        catch (JsonException)
        {
        }
        throw new UpstreamException(UpstreamFailureKind.InvalidResponse, "The upstream's tool call arguments are not a JSON object, which Anthropic's tool_use input must be.");
    }

    private static void WriteToolUse(Utf8JsonWriter writer, string id, string name)
    {
        writer.WriteString("type", "tool_use");
        writer.WriteString("id", id);
        writer.WriteString("name", name);
    }

    public static void WriteMessageStart(Utf8JsonWriter writer, ResponseIdentity identity, int inputTokens)
    {
        writer.WriteStartObject();
        writer.WriteString("type", "message_start");
        writer.WriteStartObject("message");
        WriteMessageHeader(writer, identity);
        writer.WriteStartArray("content");
        writer.WriteEndArray();
        writer.WriteNull("stop_reason");
        writer.WriteNull("stop_sequence");
        WriteUsage(writer, new TokenUsage(inputTokens, 1));
        writer.WriteEndObject();
        writer.WriteEndObject();
    }

    /// <summary>
    /// <c>content_block_start</c> of block <paramref name="index"/>, empty: <c>text</c>, <c>thinking</c>, or a
    /// <c>tool_use</c> whose input arrives in <c>input_json_delta</c>s.
    /// </summary>
    public static void WriteContentBlockStart(Utf8JsonWriter writer, int index, ChatDeltaKind kind, string? toolCallId = null, string? toolName = null)
    {
        writer.WriteStartObject();
        writer.WriteString("type", "content_block_start");
        writer.WriteNumber("index", index);
        writer.WriteStartObject("content_block");
        switch (kind)
        {
            case ChatDeltaKind.Thinking:
                writer.WriteString("type", "thinking");
                writer.WriteString("thinking", "");
                writer.WriteString("signature", "");
                break;
            case ChatDeltaKind.ToolCallStarted:
                WriteToolUse(writer, toolCallId ?? "", toolName ?? "");
                writer.WriteStartObject("input");
                writer.WriteEndObject();
                break;
            default:
                writer.WriteString("type", "text");
                writer.WriteString("text", "");
                break;
        }
        writer.WriteEndObject();
        writer.WriteEndObject();
    }

    /// <summary>
    /// <c>content_block_delta</c> of block <paramref name="index"/>: <c>text_delta</c>, <c>thinking_delta</c>
    /// or <c>input_json_delta</c> (a fragment of a tool call's arguments, as the upstream split them).
    /// </summary>
    public static void WriteContentBlockDelta(Utf8JsonWriter writer, int index, ChatDeltaKind kind, string text)
    {
        writer.WriteStartObject();
        writer.WriteString("type", "content_block_delta");
        writer.WriteNumber("index", index);
        writer.WriteStartObject("delta");
        switch (kind)
        {
            case ChatDeltaKind.Thinking:
                writer.WriteString("type", "thinking_delta");
                writer.WriteString("thinking", text);
                break;
            case ChatDeltaKind.ToolArguments:
                writer.WriteString("type", "input_json_delta");
                writer.WriteString("partial_json", text);
                break;
            default:
                writer.WriteString("type", "text_delta");
                writer.WriteString("text", text);
                break;
        }
        writer.WriteEndObject();
        writer.WriteEndObject();
    }

    public static void WriteContentBlockStop(Utf8JsonWriter writer, int index)
    {
        writer.WriteStartObject();
        writer.WriteString("type", "content_block_stop");
        writer.WriteNumber("index", index);
        writer.WriteEndObject();
    }

    public static void WriteMessageDelta(Utf8JsonWriter writer, string finishReason, string? stopSequence, bool hasToolUse, TokenUsage usage)
    {
        writer.WriteStartObject();
        writer.WriteString("type", "message_delta");
        writer.WriteStartObject("delta");
        WriteStop(writer, finishReason, stopSequence, hasToolUse);
        writer.WriteEndObject();
        WriteUsage(writer, usage);
        writer.WriteEndObject();
    }

    public static void WriteTypeOnly(Utf8JsonWriter writer, string type)
    {
        writer.WriteStartObject();
        writer.WriteString("type", type);
        writer.WriteEndObject();
    }

    private static void WriteMessageHeader(Utf8JsonWriter writer, ResponseIdentity identity)
    {
        writer.WriteString("id", identity.Id);
        writer.WriteString("type", "message");
        writer.WriteString("role", "assistant");
        writer.WriteString("model", identity.Model);
    }

    /// <summary>
    /// Anthropic's usage: its <c>input_tokens</c> leave out what was read from the prompt cache, which is
    /// <c>cache_read_input_tokens</c> (OpenAI's <c>prompt_tokens</c> include it, as <c>cached_tokens</c>).
    /// </summary>
    private static void WriteUsage(Utf8JsonWriter writer, TokenUsage usage)
    {
        writer.WriteStartObject("usage");
        writer.WriteNumber("input_tokens", usage.InputTokens - usage.CachedInputTokens);
        writer.WriteNumber("cache_read_input_tokens", usage.CachedInputTokens);
        writer.WriteNumber("output_tokens", usage.OutputTokens);
        writer.WriteEndObject();
    }
}
