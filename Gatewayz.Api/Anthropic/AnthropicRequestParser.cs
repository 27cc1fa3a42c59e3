using System.Text.Json;
using Gatewayz.Api.Chat;
using Gatewayz.Api.Errors;
using Gatewayz.Api.Streaming;

namespace Gatewayz.Api.Anthropic;

/// <summary>
/// Reads an Anthropic Messages request and restates it as an OpenAI-format chat request, the
/// gateway's common currency with upstreams.
/// </summary>
public static class AnthropicRequestParser
{
    private static readonly ReusableJsonWriter Writer = new(new JsonWriterOptions());

    public static ChatRequest Parse(JsonElement body)
    {
        var model = JsonFields.RequiredString(body, "model");
        var maxTokens = JsonFields.OptionalPositiveInt(body, "max_tokens") ?? throw new GatewayException(GatewayError.MissingField("max_tokens"));
        var messagesJson = JsonFields.RequiredNonEmptyArray(body, "messages");

        var messages = new List<ChatMessage>(messagesJson.GetArrayLength() + 1);
        if (JsonFields.Get(body, "system") is { } system)
            messages.Add(new ChatMessage("system", JsonFields.FlattenContent(system, "system")));
        var i = 0;
        foreach (var message in messagesJson.EnumerateArray())
            messages.Add(ParseMessage(message, i++));

        var stream = JsonFields.OptionalBool(body, "stream");
        var openAiBody = new OpenAiBody(model, messages, maxTokens,
            JsonFields.OptionalNumber(body, "temperature", 0, 1),
            JsonFields.OptionalNumber(body, "top_p", 0, 1),
            JsonFields.Get(body, "stop_sequences") is { ValueKind: JsonValueKind.Array } stops ? stops : null);

        return new ChatRequest
        {
            Model = model,
            Messages = messages,
            // A small document of its own that needs no disposal, so it outlives the client's body.
            Body = Writer.Write(openAiBody, OpenAiBody.Write, static json => JsonElement.Parse(json)),
            Stream = stream,
            IncludeUsage = true,
            MaxTokens = maxTokens,
        };
    }

    private static ChatMessage ParseMessage(JsonElement message, int i)
    {
        if (message.ValueKind != JsonValueKind.Object)
            throw new GatewayException(GatewayError.InvalidValue($"messages[{i}]", "expected an object."));
        var role = JsonFields.OptionalString(message, "role") ?? throw new GatewayException(GatewayError.MissingField($"messages[{i}].role"));
        if (role is not ("user" or "assistant"))
            throw new GatewayException(GatewayError.InvalidValue($"messages[{i}].role", "expected user or assistant."));
        if (JsonFields.Get(message, "content") is not { } contentJson)
            throw new GatewayException(GatewayError.MissingField($"messages[{i}].content"));
        if (!JsonFields.TryFlattenContent(contentJson, out var content))
            throw JsonFields.InvalidContent($"messages[{i}].content");
        return new ChatMessage(role, content);
    }

    private readonly record struct OpenAiBody(string Model, List<ChatMessage> Messages, int MaxTokens, double? Temperature, double? TopP, JsonElement? Stop)
    {
        public static void Write(Utf8JsonWriter writer, OpenAiBody body)
        {
            writer.WriteStartObject();
            writer.WriteString("model", body.Model);
            writer.WriteStartArray("messages");
            foreach (var message in body.Messages)
            {
                writer.WriteStartObject();
                writer.WriteString("role", message.Role);
                writer.WriteString("content", message.Content);
                writer.WriteEndObject();
            }
            writer.WriteEndArray();
            writer.WriteNumber("max_tokens", body.MaxTokens);
            if (body.Temperature is { } temperature) writer.WriteNumber("temperature", temperature);
            if (body.TopP is { } topP) writer.WriteNumber("top_p", topP);
            if (body.Stop is { } stop)
            {
                writer.WritePropertyName("stop");
                stop.WriteTo(writer);
            }
            writer.WriteEndObject();
        }
    }
}
