using System.Text.Json;
using Gatewayz.Api.Chat;

namespace Gatewayz.Api.Anthropic;

/// <summary>Anthropic's Messages response and streaming event shapes.</summary>
public static class AnthropicWire
{
    public static string StopReason(string finishReason) => finishReason switch
    {
        FinishReasons.Length => "max_tokens",
        FinishReasons.ToolCalls => "tool_use",
        FinishReasons.ContentFilter => "refusal",
        _ => "end_turn",
    };

    public static void WriteMessage(Utf8JsonWriter writer, ResponseIdentity identity, ChatCompletion completion)
    {
        writer.WriteStartObject();
        WriteMessageHeader(writer, identity);
        writer.WriteStartArray("content");
        writer.WriteStartObject();
        writer.WriteString("type", "text");
        writer.WriteString("text", completion.Content);
        writer.WriteEndObject();
        writer.WriteEndArray();
        writer.WriteString("stop_reason", StopReason(completion.FinishReason));
        writer.WriteNull("stop_sequence");
        WriteUsage(writer, completion.Usage.InputTokens, completion.Usage.OutputTokens);
        writer.WriteEndObject();
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
        WriteUsage(writer, inputTokens, 1);
        writer.WriteEndObject();
        writer.WriteEndObject();
    }

    public static void WriteContentBlockStart(Utf8JsonWriter writer)
    {
        writer.WriteStartObject();
        writer.WriteString("type", "content_block_start");
        writer.WriteNumber("index", 0);
        writer.WriteStartObject("content_block");
        writer.WriteString("type", "text");
        writer.WriteString("text", "");
        writer.WriteEndObject();
        writer.WriteEndObject();
    }

    public static void WriteTextDelta(Utf8JsonWriter writer, string text)
    {
        writer.WriteStartObject();
        writer.WriteString("type", "content_block_delta");
        writer.WriteNumber("index", 0);
        writer.WriteStartObject("delta");
        writer.WriteString("type", "text_delta");
        writer.WriteString("text", text);
        writer.WriteEndObject();
        writer.WriteEndObject();
    }

    public static void WriteContentBlockStop(Utf8JsonWriter writer)
    {
        writer.WriteStartObject();
        writer.WriteString("type", "content_block_stop");
        writer.WriteNumber("index", 0);
        writer.WriteEndObject();
    }

    public static void WriteMessageDelta(Utf8JsonWriter writer, string finishReason, TokenUsage usage)
    {
        writer.WriteStartObject();
        writer.WriteString("type", "message_delta");
        writer.WriteStartObject("delta");
        writer.WriteString("stop_reason", StopReason(finishReason));
        writer.WriteNull("stop_sequence");
        writer.WriteEndObject();
        WriteUsage(writer, usage.InputTokens, usage.OutputTokens);
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

    private static void WriteUsage(Utf8JsonWriter writer, int inputTokens, int outputTokens)
    {
        writer.WriteStartObject("usage");
        writer.WriteNumber("input_tokens", inputTokens);
        writer.WriteNumber("output_tokens", outputTokens);
        writer.WriteEndObject();
    }
}
