using System.Text.Json.Nodes;
using Gatewayz.Api.Errors;

namespace Gatewayz.Api.Chat;

/// <summary>Validates an OpenAI chat-completions body and reads what the gateway needs from it.</summary>
public static class OpenAiChatRequestParser
{
    private static readonly HashSet<string> Roles = ["system", "developer", "user", "assistant", "tool"];

    public static ChatRequest Parse(JsonObject body)
    {
        var model = JsonFields.RequiredString(body, "model");
        var messagesJson = JsonFields.RequiredNonEmptyArray(body, "messages");
        var messages = new ChatMessage[messagesJson.Count];
        for (var i = 0; i < messages.Length; i++)
        {
            if (messagesJson[i] is not JsonObject message)
                throw new GatewayException(GatewayError.InvalidValue($"messages[{i}]", "expected an object."));
            var role = JsonFields.OptionalString(message, "role") ?? throw new GatewayException(GatewayError.MissingField($"messages[{i}].role"));
            if (!Roles.Contains(role))
                throw new GatewayException(GatewayError.InvalidValue($"messages[{i}].role", "expected one of system, developer, user, assistant, tool."));
            if (!JsonFields.TryFlattenContent(message["content"], out var content))
                throw JsonFields.InvalidContent($"messages[{i}].content");
            messages[i] = new ChatMessage(role, content);
        }

        var stream = JsonFields.OptionalBool(body, "stream");
        JsonFields.OptionalNumber(body, "temperature", 0, 2);
        JsonFields.OptionalNumber(body, "top_p", 0, 1);
        var includeUsage = body["stream_options"] is JsonObject options && JsonFields.OptionalBool(options, "include_usage");

        return new ChatRequest
        {
            Model = model,
            Messages = messages,
            Body = body,
            Stream = stream,
            IncludeUsage = includeUsage,
            MaxTokens = JsonFields.OptionalPositiveInt(body, "max_completion_tokens") ?? JsonFields.OptionalPositiveInt(body, "max_tokens"),
        };
    }
}
