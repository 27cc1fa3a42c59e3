using System.Text.Json;
using Gatewayz.Api.Errors;
using Gatewayz.Api.OpenAi;
using Gatewayz.Api.Wire;

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
            messages[i++] = JsonFields.Get(message, "tool_calls") is { ValueKind: JsonValueKind.Array } calls && calls.GetArrayLength() > 0
                ? new ChatMessage(role, WithToolCalls(content, calls))
                : new ChatMessage(role, content);
        }

        var stream = JsonFields.OptionalBool(body, "stream");
        var temperature = JsonFields.OptionalNumber(body, "temperature", 0, 2);
        var topP = JsonFields.OptionalNumber(body, "top_p", 0, 1);
        var includeUsage = JsonFields.Get(body, "stream_options") is { ValueKind: JsonValueKind.Object } options && JsonFields.OptionalBool(options, "include_usage");

        return new ChatRequest
        {
            Model = model,
            Messages = messages,
            Translator = OpenAiChatFormat.Instance,
            ClientFormat = WireFormat.OpenAi,
            ClientBody = body,
            Stream = stream,
            IncludeUsage = includeUsage,
            MaxTokens = JsonFields.OptionalPositiveInt(body, "max_completion_tokens") ?? JsonFields.OptionalPositiveInt(body, "max_tokens"),
            Temperature = temperature,
            TopP = topP,
        };
    }

    /// <summary>
    /// An assistant message's text and tool calls, so that token estimates count the calls' names and
    /// arguments. Read leniently, for the estimate only: the body reaches the upstream as sent, and the
    /// upstream judges it.
    /// </summary>
    private static ContentPart[] WithToolCalls(string text, JsonElement calls)
    {
        var parts = new List<ContentPart>(calls.GetArrayLength() + 1);
        if (text.Length > 0)
            parts.Add(new TextPart(text));
        foreach (var call in calls.EnumerateArray())
        {
            if (call.ValueKind != JsonValueKind.Object || JsonFields.Get(call, "function") is not { ValueKind: JsonValueKind.Object } function)
                continue;
            parts.Add(new ToolCallPart(StringOrEmpty(call, "id"), StringOrEmpty(function, "name"), StringOrEmpty(function, "arguments")));
        }
        return [.. parts];
    }

    private static string StringOrEmpty(JsonElement obj, string field) =>
        JsonFields.Get(obj, field) is { ValueKind: JsonValueKind.String } value ? value.GetString()! : "";
}
