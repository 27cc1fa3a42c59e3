using System.Text.Json;
using Gatewayz.Api.Chat;
using Gatewayz.Api.Errors;
using Gatewayz.Api.Wire;
using Gatewayz.Api.Wire.OpenAi;

namespace Gatewayz.Api.Anthropic;

/// <summary>
/// Reads an Anthropic Messages request, whole, into the canonical <see cref="ChatRequest"/>, and writes it as
/// the OpenAI-format body OpenAI-compatible upstreams read (<see cref="WriteOpenAiBody"/>). Every malformed value, and every block, tool or
/// source the gateway cannot forward, is a 400 naming its JSON path; fields that only tune Anthropic's own
/// service (<c>cache_control</c>, <c>citations</c> on text, <c>service_tier</c>, …) are not read; <c>thinking</c> is read
/// as sent (<see cref="ThinkingRequest"/>) and judged by the writer of another format.
/// </summary>
public static class AnthropicRequestParser
{
    // A part's location in the canonical request, as the client's path: the system prompt, when given,
    // is the canonical request's first message.
    private static readonly Func<ContentLocation, string> PathWithSystem = static at => PathOf(at, systemMessages: 1);
    private static readonly Func<ContentLocation, string> PathWithoutSystem = static at => PathOf(at, systemMessages: 0);

    public static ChatRequest Parse(JsonElement body) => Parse(body, maxTokensRequired: true);

    /// <summary>A <c>/v1/messages/count_tokens</c> body: a message request without <c>max_tokens</c>, refused where <c>/v1/messages</c> would refuse it.</summary>
    public static ChatRequest ParseCountTokens(JsonElement body) => Parse(body, maxTokensRequired: false);

    private static ChatRequest Parse(JsonElement body, bool maxTokensRequired)
    {
        var model = JsonFields.RequiredString(body, "model");
        var maxTokens = JsonFields.OptionalPositiveInt(body, "max_tokens");
        if (maxTokens is null && maxTokensRequired)
            throw new GatewayException(GatewayError.MissingField("max_tokens"));
        var messagesJson = JsonFields.RequiredNonEmptyArray(body, "messages");

        var system = ParseSystem(body);
        var messages = new List<ChatMessage>(messagesJson.GetArrayLength() + 1);
        if (system is not null)
            messages.Add(system);
        var i = 0;
        foreach (var message in messagesJson.EnumerateArray())
            messages.Add(AnthropicContentParser.ParseMessage(message, JsonPath.Of("messages", i++)));

        return new ChatRequest
        {
            Model = model,
            Messages = messages,
            Translator = AnthropicChatFormat.Instance,
            ClientFormat = WireFormat.Anthropic,
            ClientBody = body,
            Stream = JsonFields.OptionalBool(body, "stream"),
            IncludeUsage = true,
            MaxTokens = maxTokens,
            Tools = ParseTools(body),
            ToolChoice = ParseToolChoice(body),
            Stop = ParseStopSequences(body),
            Temperature = JsonFields.OptionalNumber(body, "temperature", 0, 1),
            TopP = JsonFields.OptionalNumber(body, "top_p", 0, 1),
            TopK = JsonFields.OptionalNonNegativeInt(body, "top_k"),
            User = JsonFields.OptionalObject(body, "metadata") is { } metadata ? JsonFields.OptionalString(metadata, "user_id", JsonPath.Of("metadata")) : null,
            Thinking = ThinkingRequest.Of(body),
        };
    }

    /// <summary>
    /// The request as the OpenAI-format body an OpenAI-compatible upstream reads; a part that format cannot
    /// express is a 400 naming it by the client's JSON path.
    /// </summary>
    public static JsonElement WriteOpenAiBody(ChatRequest request) =>
        OpenAiRequestWriter.WriteBody(request, request.Messages is [{ Role: "system" }, ..] ? PathWithSystem : PathWithoutSystem);

    /// <summary><c>system</c>, a string or a list of text blocks, as a <c>system</c> message of one text part per block.</summary>
    private static ChatMessage? ParseSystem(JsonElement body)
    {
        ContentPart[] parts = JsonFields.Get(body, "system") switch
        {
            null => [],
            { ValueKind: JsonValueKind.String } text => text.GetString() is { Length: > 0 } prompt ? [new TextPart(prompt)] : [],
            { ValueKind: JsonValueKind.Array } blocks => AnthropicContentParser.ParseBlocks(blocks, AnthropicBlockContainer.System, parent: null, "system"),
            _ => throw new GatewayException(GatewayError.InvalidValue("system", "expected a string or an array of text blocks.")),
        };
        return parts.Length > 0 ? new ChatMessage("system", parts) : null;
    }

    /// <summary>
    /// Custom tools (no <c>type</c>, or <c>custom</c>), and Anthropic's own tools (<c>bash_…</c>, <c>web_search_…</c>,
    /// <c>text_editor_…</c>, …), which run in or are defined by Anthropic's service: an Anthropic upstream receives
    /// them as sent, an OpenAI-compatible upstream cannot (<see cref="ToolDefinition.BuiltInType"/>).
    /// </summary>
    private static ToolDefinition[]? ParseTools(JsonElement body) => JsonFields.OptionalObjects(body, "tools", static (tool, path) =>
        JsonFields.OptionalString(tool, "type", path) is { } type && type != "custom"
            ? new ToolDefinition(JsonFields.OptionalString(tool, "name", path) ?? type, Description: null, Parameters: tool, BuiltInType: type)
            : new ToolDefinition(
                JsonFields.RequiredString(tool, "name", path),
                JsonFields.OptionalString(tool, "description", path),
                JsonFields.RequiredObject(tool, "input_schema", path)));

    private static ToolChoice? ParseToolChoice(JsonElement body)
    {
        if (JsonFields.OptionalObject(body, "tool_choice") is not { } choice)
            return null;
        var path = JsonPath.Of("tool_choice");
        var type = JsonFields.RequiredString(choice, "type", path);
        var parallel = !JsonFields.OptionalBool(choice, "disable_parallel_tool_use", path);
        return type switch
        {
            "auto" => new ToolChoice(ToolChoiceMode.Auto, ParallelToolCalls: parallel),
            "any" => new ToolChoice(ToolChoiceMode.Required, ParallelToolCalls: parallel),
            "tool" => new ToolChoice(ToolChoiceMode.Function, JsonFields.RequiredString(choice, "name", path), parallel),
            "none" => new ToolChoice(ToolChoiceMode.None),
            _ => throw new GatewayException(GatewayError.InvalidValue(path.Field("type"), "expected auto, any, tool or none.")),
        };
    }

    private static string[]? ParseStopSequences(JsonElement body)
    {
        if (JsonFields.OptionalArray(body, "stop_sequences") is not { } sequences)
            return null;
        var stop = new string[sequences.GetArrayLength()];
        var i = 0;
        foreach (var sequence in sequences.EnumerateArray())
        {
            stop[i] = sequence.ValueKind == JsonValueKind.String
                ? sequence.GetString()!
                : throw new GatewayException(GatewayError.InvalidValue($"stop_sequences[{i}]", "expected a string."));
            i++;
        }
        return stop;
    }

    private static string PathOf(ContentLocation at, int systemMessages)
    {
        if (at.Message < systemMessages)
            return JsonPath.Of("system", at.Part).ToString();
        var part = JsonPath.Of("messages", at.Message - systemMessages).Then("content", at.Part);
        return (at.Nested == ContentLocation.NotNested ? part : part.Then("content", at.Nested)).ToString();
    }
}
