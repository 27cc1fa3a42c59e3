using System.Text.Json;
using Gatewayz.Api.Errors;

namespace Gatewayz.Api.Chat;

/// <summary>Validates an OpenAI chat-completions body and reads what the gateway needs from it.</summary>
public static class OpenAiChatRequestParser
{
    /// <summary>OpenAI's roles, with <c>function</c>: deprecated, but still accepted by OpenAI and sent by older agents.</summary>
    private static readonly HashSet<string> Roles = ["system", "developer", "user", "assistant", "tool", "function"];

    /// <summary><paramref name="body"/> becomes the request's <see cref="ChatRequest.Body"/>, so its document must outlive the request.</summary>
    public static ChatRequest Parse(JsonElement body)
    {
        var model = JsonFields.RequiredString(body, "model");
        var messagesJson = JsonFields.RequiredNonEmptyArray(body, "messages");
        var messages = new ChatMessage[messagesJson.GetArrayLength()];
        var i = 0;
        foreach (var message in messagesJson.EnumerateArray())
        {
            if (message.ValueKind != JsonValueKind.Object)
                throw new GatewayException(GatewayError.InvalidValue($"messages[{i}]", "expected an object."));
            var role = JsonFields.OptionalString(message, "role") ?? throw new GatewayException(GatewayError.MissingField($"messages[{i}].role"));
            if (!Roles.Contains(role))
                throw new GatewayException(GatewayError.InvalidValue($"messages[{i}].role", "expected one of system, developer, user, assistant, tool, function."));
            if (!JsonFields.TryFlattenContent(JsonFields.Get(message, "content"), out var content))
                throw JsonFields.InvalidContent($"messages[{i}].content");
            messages[i++] = new ChatMessage(role, content);
        }

        var stream = JsonFields.OptionalBool(body, "stream");
        var temperature = JsonFields.OptionalNumber(body, "temperature", 0, 2);
        var topP = JsonFields.OptionalNumber(body, "top_p", 0, 1);
        var includeUsage = JsonFields.Get(body, "stream_options") is { ValueKind: JsonValueKind.Object } options && JsonFields.OptionalBool(options, "include_usage");

        return new ChatRequest
        {
            Model = model,
            Messages = messages,
            Body = body,
            Stream = stream,
            IncludeUsage = includeUsage,
            MaxTokens = JsonFields.OptionalPositiveInt(body, "max_completion_tokens") ?? JsonFields.OptionalPositiveInt(body, "max_tokens"),
            Temperature = temperature,
            TopP = topP,
        };
    }
}
