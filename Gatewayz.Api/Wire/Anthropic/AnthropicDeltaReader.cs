using System.Text.Json;
using Gatewayz.Api.Chat;
using Gatewayz.Api.Providers.Anthropic;

namespace Gatewayz.Api.Wire.Anthropic;

/// <summary>
/// Turns an Anthropic-format answer into format-free <see cref="ChatDelta"/>s, for clients of another format:
/// <c>text</c> blocks and <c>text_delta</c> → text, <c>thinking</c> blocks and <c>thinking_delta</c> →
/// reasoning, a thinking block's <c>signature</c> and <c>signature_delta</c> → its signature,
/// <c>redacted_thinking</c> → redacted reasoning, a <c>tool_use</c> block's start → a started tool call (numbered
/// among the message's tool calls), its <c>input</c> or <c>input_json_delta</c> → arguments, <c>stop_reason</c> →
/// the finish reason (with the <c>stop_sequence</c> that matched).
/// One reader per answer: it remembers which content block is which tool call.
/// </summary>
public sealed class AnthropicDeltaReader
{
    private readonly Dictionary<int, int> _toolOfBlock = [];

    /// <summary>Adds the deltas of one Anthropic stream event to <paramref name="deltas"/>.</summary>
    public void Read(in ChatChunk chunk, List<ChatDelta> deltas)
    {
        using var document = JsonDocument.Parse(chunk.Payload.Json);
        var root = document.RootElement;
        switch (Str(root, "type"))
        {
            case AnthropicEvents.ContentBlockStart when root.TryGetProperty("content_block", out var block):
                Block(block, Int(root, "index"), streamed: true, deltas);
                break;
            case AnthropicEvents.ContentBlockDelta when root.TryGetProperty("delta", out var delta):
                var deltaType = Str(delta, "type");
                if (deltaType == "input_json_delta")
                {
                    if (Str(delta, "partial_json") is { Length: > 0 } json && _toolOfBlock.TryGetValue(Int(root, "index"), out var tool))
                        deltas.Add(new ChatDelta(ChatDeltaKind.ToolArguments, 0, json, tool));
                }
                else if (deltaType == "signature_delta")
                    Signature(delta, deltas);
                else
                    Text(delta, deltaType, deltas);
                break;
            case AnthropicEvents.MessageDelta when root.TryGetProperty("delta", out var delta):
                if (AnthropicResponseReader.FinishReason(Str(delta, "stop_reason")) is { } reason)
                    deltas.Add(ChatDelta.Finished(0, reason, Str(delta, "stop_sequence")));
                break;
        }
    }

    /// <summary>Adds the deltas of a non-streamed Anthropic message body to <paramref name="deltas"/>.</summary>
    public void ReadMessage(in ChatCompletion completion, List<ChatDelta> deltas)
    {
        using var document = JsonDocument.Parse(completion.Payload.Json);
        var root = document.RootElement;
        if (root.TryGetProperty("content", out var content) && content.ValueKind == JsonValueKind.Array)
        {
            var index = 0;
            foreach (var block in content.EnumerateArray())
                Block(block, index++, streamed: false, deltas);
        }
        deltas.Add(ChatDelta.Finished(0, AnthropicResponseReader.FinishReason(Str(root, "stop_reason")) ?? FinishReasons.Stop, Str(root, "stop_sequence")));
    }

    private void Block(JsonElement block, int index, bool streamed, List<ChatDelta> deltas)
    {
        switch (Str(block, "type"))
        {
            case var type and ("text" or "thinking"):
                Text(block, type, deltas);
                // A streamed block starts with an empty signature its signature_delta fills; a body's is whole.
                if (type == "thinking")
                    Signature(block, deltas);
                break;
            case "redacted_thinking":
                if (Str(block, "data") is { Length: > 0 } data)
                    deltas.Add(new ChatDelta(ChatDeltaKind.RedactedThinking, 0, data));
                break;
            case "tool_use" or "server_tool_use":
                var tool = _toolOfBlock.Count;
                _toolOfBlock[index] = tool;
                deltas.Add(ChatDelta.ToolCallStarted(0, tool, Str(block, "id") ?? "", Str(block, "name") ?? ""));
                // A streamed block starts with an empty input its input_json_deltas fill; a body's is whole.
                if (block.TryGetProperty("input", out var input) && input.ValueKind == JsonValueKind.Object && (!streamed || input.EnumerateObject().Any()))
                    deltas.Add(new ChatDelta(ChatDeltaKind.ToolArguments, 0, input.GetRawText(), tool));
                break;
        }
    }

    /// <summary>A text or thinking block, or a <c>text_delta</c> or <c>thinking_delta</c>: its text, when there is some.</summary>
    private static void Text(JsonElement obj, string? type, List<ChatDelta> deltas)
    {
        var (kind, field) = type switch
        {
            "text" or "text_delta" => (ChatDeltaKind.Text, "text"),
            "thinking" or "thinking_delta" => (ChatDeltaKind.Thinking, "thinking"),
            _ => (ChatDeltaKind.Finished, null),
        };
        if (field is not null && Str(obj, field) is { Length: > 0 } text)
            deltas.Add(new ChatDelta(kind, 0, text));
    }

    private static void Signature(JsonElement obj, List<ChatDelta> deltas)
    {
        if (Str(obj, "signature") is { Length: > 0 } signature)
            deltas.Add(new ChatDelta(ChatDeltaKind.ThinkingSignature, 0, signature));
    }

    private static string? Str(JsonElement obj, string field) =>
        obj.ValueKind == JsonValueKind.Object && obj.TryGetProperty(field, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;

    private static int Int(JsonElement obj, string field) =>
        obj.ValueKind == JsonValueKind.Object && obj.TryGetProperty(field, out var value) && value.ValueKind == JsonValueKind.Number && value.TryGetInt32(out var number) ? number : 0;
}
