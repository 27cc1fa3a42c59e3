using System.Text.Json;
using Gatewayz.Api.Chat;
using Gatewayz.Api.Streaming;
using Gatewayz.Api.Wire;
using Gatewayz.Api.Wire.Anthropic;

namespace Gatewayz.Api.OpenAi;

/// <summary>OpenAI's chat-completion response and chunk shapes.</summary>
public static class OpenAiWire
{
    /// <summary>
    /// A non-streamed answer's body: the upstream's own, with the gateway's id and model written in, when
    /// it spoke OpenAI's format; otherwise translated from its Anthropic message.
    /// </summary>
    public static ReadOnlyMemory<byte> Completion(ResponseIdentity identity, ChatCompletion completion) =>
        completion.Payload.Is(WireFormat.OpenAi)
            ? completion.Payload.ToArray(identity.IdJson, identity.ModelJson)
            : JsonResponse.Serialize((identity, completion), static (writer, state) => WriteTranslated(writer, state.identity, state.completion));

    /// <summary>
    /// A completion translated from another format's answer (an Anthropic message): its text as
    /// <c>content</c> (null when there is none), reasoning as <c>reasoning_content</c> and, block by block with
    /// their signatures, as <c>thinking_blocks</c> (see <see cref="WriteThinkingBlock"/>), tool calls as
    /// <c>tool_calls</c> (arguments as JSON text), its finish reason and usage.
    /// </summary>
    private static void WriteTranslated(Utf8JsonWriter writer, ResponseIdentity identity, ChatCompletion completion)
    {
        var deltas = new List<ChatDelta>();
        new AnthropicDeltaReader().ReadMessage(completion, deltas);
        var builder = ChatPartsBuilder.Of(deltas);
        var parts = builder.Build();
        var text = string.Concat(parts.OfType<TextPart>().Select(part => part.Text));
        var thinking = parts.OfType<ThinkingPart>().ToList();
        var calls = parts.OfType<ToolCallPart>().ToList();
        WriteCompletion(writer, identity, text, thinking, calls, builder.FinishReason ?? completion.FinishReason, completion.Usage);
    }

    private static void WriteCompletion(Utf8JsonWriter writer, ResponseIdentity identity, string text, List<ThinkingPart> thinking, List<ToolCallPart> calls,
        string finishReason, TokenUsage usage)
    {
        var reasoning = string.Concat(thinking.Select(part => part.Text));
        writer.WriteStartObject();
        WriteHeader(writer, identity, "chat.completion");
        writer.WriteStartArray("choices");
        writer.WriteStartObject();
        writer.WriteNumber("index", 0);
        writer.WriteStartObject("message");
        writer.WriteString("role", "assistant");
        if (text.Length > 0 || calls.Count == 0) writer.WriteString("content", text); else writer.WriteNull("content");
        if (reasoning.Length > 0) writer.WriteString("reasoning_content", reasoning);
        if (thinking.Count > 0) WriteThinkingBlocks(writer, thinking);
        writer.WriteNull("refusal");
        if (calls.Count > 0)
        {
            writer.WriteStartArray("tool_calls");
            foreach (var call in calls)
            {
                writer.WriteStartObject();
                writer.WriteString("id", call.Id);
                writer.WriteString("type", "function");
                writer.WriteStartObject("function");
                writer.WriteString("name", call.Name);
                writer.WriteString("arguments", call.Arguments.Length == 0 ? "{}" : call.Arguments);
                writer.WriteEndObject();
                writer.WriteEndObject();
            }
            writer.WriteEndArray();
        }
        writer.WriteEndObject();
        writer.WriteNull("logprobs");
        writer.WriteString("finish_reason", finishReason);
        writer.WriteEndObject();
        writer.WriteEndArray();
        WriteUsage(writer, usage);
        writer.WriteEndObject();
    }

    /// <summary>
    /// A chunk with one choice translated from another format's event: the role on the first chunk, then
    /// text, reasoning (as <c>reasoning_content</c>) and tool-call fragments (the first of a call with its id,
    /// type and name). The reasoning's signed blocks are left to <see cref="WriteThinkingBlocksChunk"/> and
    /// finish reasons to the closing chunk.
    /// </summary>
    public static void WriteDeltaChunk(Utf8JsonWriter writer, ResponseIdentity identity, List<ChatDelta> deltas, bool includeRole)
    {
        BeginChunk(writer, identity, includeRole);
        var content = string.Concat(deltas.Where(delta => delta.Kind is ChatDeltaKind.Text or ChatDeltaKind.Refusal).Select(delta => delta.Text));
        var reasoning = string.Concat(deltas.Where(delta => delta.Kind == ChatDeltaKind.Thinking).Select(delta => delta.Text));
        if (content.Length > 0) writer.WriteString("content", content);
        if (reasoning.Length > 0) writer.WriteString("reasoning_content", reasoning);
        if (deltas.Any(delta => delta.Kind is ChatDeltaKind.ToolCallStarted or ChatDeltaKind.ToolArguments))
        {
            writer.WriteStartArray("tool_calls");
            foreach (var delta in deltas)
            {
                if (delta.Kind is not (ChatDeltaKind.ToolCallStarted or ChatDeltaKind.ToolArguments)) continue;
                writer.WriteStartObject();
                writer.WriteNumber("index", delta.ToolIndex);
                if (delta.Kind == ChatDeltaKind.ToolCallStarted)
                {
                    writer.WriteString("id", delta.ToolCallId);
                    writer.WriteString("type", "function");
                }
                writer.WriteStartObject("function");
                if (delta.Kind == ChatDeltaKind.ToolCallStarted) writer.WriteString("name", delta.ToolName);
                writer.WriteString("arguments", delta.Kind == ChatDeltaKind.ToolArguments ? delta.Text : "");
                writer.WriteEndObject();
                writer.WriteEndObject();
            }
            writer.WriteEndArray();
        }
        EndChunk(writer, finishReason: null);
    }

    /// <summary>
    /// A chunk with one choice whose delta holds the answer's whole <c>thinking_blocks</c>, each block complete
    /// with its signature (or a redacted block with its data), as a non-streamed answer's message has them. They
    /// come once, after the last of the reasoning, rather than in fragments, because the OpenAI SDKs cannot join
    /// fragments of a field they do not know: openai-node's <c>ChatCompletionStream</c> assigns such a delta field
    /// over the snapshot's (<c>Object.assign(choice.message, rest)</c>), so only the last fragment would survive,
    /// and openai-python's <c>accumulate_delta</c> merges list entries by an <c>index</c> key (concatenating
    /// strings), so one array in one delta is the only shape both rebuild whole. No <c>index</c> is added to the
    /// entries: none is needed to merge a single delta, and a client that sends the blocks back to Anthropic as
    /// they came would have an unknown field refused.
    /// </summary>
    public static void WriteThinkingBlocksChunk(Utf8JsonWriter writer, ResponseIdentity identity, List<ThinkingPart> thinking, bool includeRole)
    {
        BeginChunk(writer, identity, includeRole);
        WriteThinkingBlocks(writer, thinking);
        EndChunk(writer, finishReason: null);
    }

    /// <summary><c>thinking_blocks</c>: the reasoning's blocks in order, a redacted one by its data.</summary>
    private static void WriteThinkingBlocks(Utf8JsonWriter writer, List<ThinkingPart> thinking)
    {
        writer.WriteStartArray("thinking_blocks");
        foreach (var part in thinking)
            WriteThinkingBlock(writer, part.EncryptedContent is null ? part.Text : null, part.Signature, part.EncryptedContent);
        writer.WriteEndArray();
    }

    /// <summary>
    /// One entry of <c>thinking_blocks</c>, the convention LiteLLM set for carrying Anthropic's reasoning blocks
    /// in OpenAI's format so that a client can send them back: <c>{"type":"thinking","thinking","signature"}</c>
    /// (the signature left out until it is known), or <c>{"type":"redacted_thinking","data"}</c> when
    /// <paramref name="data"/> is given.
    /// </summary>
    private static void WriteThinkingBlock(Utf8JsonWriter writer, string? thinking, string? signature, string? data)
    {
        writer.WriteStartObject();
        if (data is not null)
        {
            writer.WriteString("type", "redacted_thinking");
            writer.WriteString("data", data);
        }
        else
        {
            writer.WriteString("type", "thinking");
            writer.WriteString("thinking", thinking);
            if (signature is not null) writer.WriteString("signature", signature);
        }
        writer.WriteEndObject();
    }

    /// <summary>Whether <see cref="WriteDeltaChunk"/> has anything to say for these deltas.</summary>
    public static bool HasChunkContent(List<ChatDelta> deltas) =>
        deltas.Exists(delta => delta.Kind is ChatDeltaKind.ToolCallStarted or ChatDeltaKind.ToolArguments
            || delta.Kind is ChatDeltaKind.Text or ChatDeltaKind.Refusal or ChatDeltaKind.Thinking && delta.Text is { Length: > 0 });

    /// <summary>A chunk with one choice: the role on the first chunk, text, or the finish reason on the last.</summary>
    public static void WriteChunk(Utf8JsonWriter writer, ResponseIdentity identity, string? content, bool includeRole, string? finishReason)
    {
        BeginChunk(writer, identity, includeRole);
        if (content is not null) writer.WriteString("content", content);
        EndChunk(writer, finishReason);
    }

    /// <summary>A chunk's start, up to the inside of choice 0's <c>delta</c> (with the role on the first chunk).</summary>
    private static void BeginChunk(Utf8JsonWriter writer, ResponseIdentity identity, bool includeRole)
    {
        writer.WriteStartObject();
        WriteHeader(writer, identity, "chat.completion.chunk");
        writer.WriteStartArray("choices");
        writer.WriteStartObject();
        writer.WriteNumber("index", 0);
        writer.WriteStartObject("delta");
        if (includeRole) writer.WriteString("role", "assistant");
    }

    /// <summary>A chunk's end, from the close of its <c>delta</c>.</summary>
    private static void EndChunk(Utf8JsonWriter writer, string? finishReason)
    {
        writer.WriteEndObject();
        writer.WriteNull("logprobs");
        if (finishReason is null) writer.WriteNull("finish_reason"); else writer.WriteString("finish_reason", finishReason);
        writer.WriteEndObject();
        writer.WriteEndArray();
        writer.WriteEndObject();
    }

    /// <summary>The extra last chunk of <c>stream_options.include_usage</c>: no choices, only usage.</summary>
    public static void WriteUsageChunk(Utf8JsonWriter writer, ResponseIdentity identity, TokenUsage usage)
    {
        writer.WriteStartObject();
        WriteHeader(writer, identity, "chat.completion.chunk");
        writer.WriteStartArray("choices");
        writer.WriteEndArray();
        WriteUsage(writer, usage);
        writer.WriteEndObject();
    }

    private static void WriteHeader(Utf8JsonWriter writer, ResponseIdentity identity, string objectType)
    {
        writer.WriteString("id", identity.Id);
        writer.WriteString("object", objectType);
        writer.WriteNumber("created", identity.Created);
        writer.WriteString("model", identity.Model);
        writer.WriteNull("system_fingerprint");
    }

    /// <summary>
    /// OpenAI's <c>usage</c>: <c>prompt_tokens</c> is the whole prompt, the part read from the prompt cache
    /// included and also given as <c>prompt_tokens_details.cached_tokens</c>, which OpenAI always sends (0 when none).
    /// </summary>
    private static void WriteUsage(Utf8JsonWriter writer, TokenUsage usage)
    {
        writer.WriteStartObject("usage");
        writer.WriteNumber("prompt_tokens", usage.InputTokens);
        writer.WriteNumber("completion_tokens", usage.OutputTokens);
        writer.WriteNumber("total_tokens", usage.TotalTokens);
        writer.WriteStartObject("prompt_tokens_details");
        writer.WriteNumber("cached_tokens", usage.CachedInputTokens);
        writer.WriteEndObject();
        writer.WriteEndObject();
    }
}
