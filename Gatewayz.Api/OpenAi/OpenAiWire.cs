using System.Text.Json;
using Gatewayz.Api.Chat;
using Gatewayz.Api.Streaming;
using Gatewayz.Api.Wire;

namespace Gatewayz.Api.OpenAi;

/// <summary>OpenAI's chat-completion response and chunk shapes.</summary>
public static class OpenAiWire
{
    /// <summary>
    /// A non-streamed answer's body: the upstream's own, with the gateway's id and model written in, when
    /// it spoke OpenAI's format; otherwise encoded from the answer's text.
    /// </summary>
    public static ReadOnlyMemory<byte> Completion(ResponseIdentity identity, ChatCompletion completion) =>
        completion.Payload.Is(WireFormat.OpenAi)
            ? completion.Payload.ToArray(identity.IdJson, identity.ModelJson)
            : JsonResponse.Serialize((identity, completion), static (writer, state) => WriteCompletion(writer, state.identity, state.completion));

    public static void WriteCompletion(Utf8JsonWriter writer, ResponseIdentity identity, ChatCompletion completion)
    {
        writer.WriteStartObject();
        WriteHeader(writer, identity, "chat.completion");
        writer.WriteStartArray("choices");
        writer.WriteStartObject();
        writer.WriteNumber("index", 0);
        writer.WriteStartObject("message");
        writer.WriteString("role", "assistant");
        writer.WriteString("content", completion.Content);
        writer.WriteNull("refusal");
        writer.WriteEndObject();
        writer.WriteNull("logprobs");
        writer.WriteString("finish_reason", completion.FinishReason);
        writer.WriteEndObject();
        writer.WriteEndArray();
        WriteUsage(writer, completion.Usage);
        writer.WriteEndObject();
    }

    /// <summary>A chunk with one choice: the role on the first chunk, text, or the finish reason on the last.</summary>
    public static void WriteChunk(Utf8JsonWriter writer, ResponseIdentity identity, string? content, bool includeRole, string? finishReason)
    {
        writer.WriteStartObject();
        WriteHeader(writer, identity, "chat.completion.chunk");
        writer.WriteStartArray("choices");
        writer.WriteStartObject();
        writer.WriteNumber("index", 0);
        writer.WriteStartObject("delta");
        if (includeRole) writer.WriteString("role", "assistant");
        if (content is not null) writer.WriteString("content", content);
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

    private static void WriteUsage(Utf8JsonWriter writer, TokenUsage usage)
    {
        writer.WriteStartObject("usage");
        writer.WriteNumber("prompt_tokens", usage.InputTokens);
        writer.WriteNumber("completion_tokens", usage.OutputTokens);
        writer.WriteNumber("total_tokens", usage.TotalTokens);
        writer.WriteEndObject();
    }
}
