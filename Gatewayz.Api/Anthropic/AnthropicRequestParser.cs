using System.Text.Json.Nodes;
using Gatewayz.Api.Chat;
using Gatewayz.Api.Errors;

namespace Gatewayz.Api.Anthropic;

/// <summary>
/// Reads an Anthropic Messages request and restates it as an OpenAI-format chat request, the
/// gateway's common currency with upstreams.
/// </summary>
public static class AnthropicRequestParser
{
    public static ChatRequest Parse(JsonObject body)
    {
        var model = JsonFields.RequiredString(body, "model");
        var maxTokens = JsonFields.OptionalPositiveInt(body, "max_tokens") ?? throw new GatewayException(GatewayError.MissingField("max_tokens"));
        var messagesJson = JsonFields.RequiredNonEmptyArray(body, "messages");

        var messages = new List<ChatMessage>(messagesJson.Count + 1);
        if (body["system"] is { } system)
            messages.Add(new ChatMessage("system", JsonFields.FlattenContent(system, "system")));
        for (var i = 0; i < messagesJson.Count; i++)
        {
            if (messagesJson[i] is not JsonObject message)
                throw new GatewayException(GatewayError.InvalidValue($"messages[{i}]", "expected an object."));
            var role = JsonFields.OptionalString(message, "role") ?? throw new GatewayException(GatewayError.MissingField($"messages[{i}].role"));
            if (role is not ("user" or "assistant"))
                throw new GatewayException(GatewayError.InvalidValue($"messages[{i}].role", "expected user or assistant."));
            if (message["content"] is null)
                throw new GatewayException(GatewayError.MissingField($"messages[{i}].content"));
            if (!JsonFields.TryFlattenContent(message["content"], out var content))
                throw JsonFields.InvalidContent($"messages[{i}].content");
            messages.Add(new ChatMessage(role, content));
        }

        var stream = JsonFields.OptionalBool(body, "stream");
        var temperature = JsonFields.OptionalNumber(body, "temperature", 0, 1);
        var topP = JsonFields.OptionalNumber(body, "top_p", 0, 1);

        var openAiBody = new JsonObject
        {
            ["model"] = model,
            ["messages"] = new JsonArray([.. messages.Select(m => new JsonObject { ["role"] = m.Role, ["content"] = m.Content })]),
            ["max_tokens"] = maxTokens,
        };
        if (temperature is { } t) openAiBody["temperature"] = t;
        if (topP is { } p) openAiBody["top_p"] = p;
        if (body["stop_sequences"] is JsonArray stops) openAiBody["stop"] = stops.DeepClone();

        return new ChatRequest
        {
            Model = model,
            Messages = messages,
            Body = openAiBody,
            Stream = stream,
            IncludeUsage = true,
            MaxTokens = maxTokens,
        };
    }
}
