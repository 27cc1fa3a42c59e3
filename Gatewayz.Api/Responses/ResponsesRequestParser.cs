using System.Text.Json;
using Gatewayz.Api.Chat;
using Gatewayz.Api.Errors;

namespace Gatewayz.Api.Responses;

/// <summary>
/// Validates a Responses API request (<c>POST /v1/responses</c>, as OpenAI's reference defines its body) and reads it
/// into the canonical request's parts: the conversation (<see cref="ResponsesConversation"/>), the function tools and
/// tool choice, <c>text.format</c> as the response format, <c>reasoning.effort</c>, <c>max_output_tokens</c> and the
/// sampling options; and the <see cref="ResponsesSettings"/> the response echoes. Every malformed value is a 400 naming
/// its path; what the bridge through chat completions cannot carry — OpenAI's built-in tools, background mode,
/// <c>include</c>, reusable prompts, conversations, automatic truncation — a 400 <c>unsupported_parameter</c>; a field
/// the API does not have, a 400 <c>unknown_parameter</c>, as OpenAI answers.
/// </summary>
public static class ResponsesRequestParser
{
    /// <summary>The request fields the gateway reads; any other is refused as OpenAI refuses it.</summary>
    private static readonly HashSet<string> KnownFields =
    [
        "model", "input", "instructions", "tools", "tool_choice", "parallel_tool_calls", "text", "reasoning", "max_output_tokens",
        "temperature", "top_p", "user", "safety_identifier", "metadata", "store", "stream", "stream_options", "previous_response_id",
        "include", "background", "truncation", "service_tier", "prompt_cache_key", "prompt_cache_retention", "top_logprobs",
        "max_tool_calls", "prompt", "conversation",
    ];

    /// <summary>The request as parsed: its own conversation (before any stored one is put in front), the canonical options, and its settings.</summary>
    public sealed record Parsed(ResponsesConversation Conversation, ChatRequest Options, ResponsesSettings Settings);

    /// <summary>Reads <paramref name="body"/>, which must outlive the request (its values are echoed and forwarded).</summary>
    public static Parsed Parse(JsonElement body)
    {
        foreach (var property in body.EnumerateObject())
        {
            if (!KnownFields.Contains(property.Name))
                throw new GatewayException(new GatewayError(StatusCodes.Status400BadRequest, "unknown_parameter",
                    $"Unknown parameter: '{GatewayError.Truncate(property.Name)}'.", GatewayError.Truncate(property.Name)));
        }
        RefuseUnbridged(body);

        var model = JsonFields.RequiredString(body, "model");
        var instructions = JsonFields.OptionalString(body, "instructions");
        var conversation = new ResponsesConversation();
        if (instructions is not null)
            conversation.AddInstructions(instructions);
        var input = ReadInput(body, conversation);

        var previous = JsonFields.OptionalString(body, "previous_response_id");
        if (previous is { Length: 0 })
            throw new GatewayException(GatewayError.InvalidValue("previous_response_id", "expected a response id."));
        var parallelToolCalls = NullableBool(body, "parallel_tool_calls") ?? true;
        var user = JsonFields.OptionalString(body, "user");
        var safetyIdentifier = JsonFields.OptionalString(body, "safety_identifier");
        var settings = new ResponsesSettings
        {
            Instructions = instructions,
            Tools = JsonFields.Get(body, "tools"),
            ToolChoice = JsonFields.Get(body, "tool_choice"),
            Text = JsonFields.Get(body, "text"),
            Reasoning = JsonFields.Get(body, "reasoning"),
            Metadata = Metadata(body),
            MaxOutputTokens = JsonFields.OptionalPositiveInt(body, "max_output_tokens"),
            Temperature = JsonFields.OptionalNumber(body, "temperature", 0, 2),
            TopP = JsonFields.OptionalNumber(body, "top_p", 0, 1),
            ParallelToolCalls = parallelToolCalls,
            PreviousResponseId = previous,
            Store = NullableBool(body, "store") ?? true,
            User = user,
            SafetyIdentifier = safetyIdentifier,
            PromptCacheKey = JsonFields.OptionalString(body, "prompt_cache_key"),
            Input = input,
        };
        var options = new ChatRequest
        {
            Model = model,
            Messages = [],
            Stream = NullableBool(body, "stream") ?? false,
            MaxTokens = settings.MaxOutputTokens,
            Tools = Tools(body),
            ToolChoice = ToolChoice(body, parallelToolCalls),
            Temperature = settings.Temperature,
            TopP = settings.TopP,
            User = user ?? safetyIdentifier,
            ResponseFormat = TextFormat(settings.Text),
            ReasoningEffort = ReasoningEffort(settings.Reasoning),
        };
        return new Parsed(conversation, options, settings);
    }

    /// <summary>
    /// <c>input</c>, a string (one user message) or a non-empty list of items, read into <paramref name="conversation"/>;
    /// returned as the items to keep with the response (the string as a user message item).
    /// </summary>
    public static JsonElement ReadInput(JsonElement body, ResponsesConversation conversation)
    {
        var path = JsonPath.Of("input");
        switch (JsonFields.Get(body, "input"))
        {
            case null:
                throw new GatewayException(GatewayError.MissingField("input"));
            case { ValueKind: JsonValueKind.String } text:
                conversation.AddUserText(text.GetString()!, path);
                return UserMessageItems(text);
            case { ValueKind: JsonValueKind.Array } items when items.GetArrayLength() > 0:
                var index = 0;
                foreach (var item in items.EnumerateArray())
                    conversation.AddItem(item, JsonPath.Of("input", index++));
                return items;
            case { ValueKind: JsonValueKind.Array }:
                throw new GatewayException(GatewayError.InvalidValue("input", "expected at least one item."));
            default:
                throw new GatewayException(GatewayError.InvalidValue("input", "expected a string or an array of input items."));
        }
    }

    /// <summary>The string form of <c>input</c> as the list it stands for: <c>[{"type":"message","role":"user","content":…}]</c>.</summary>
    private static JsonElement UserMessageItems(JsonElement text)
    {
        var buffer = new System.Buffers.ArrayBufferWriter<byte>();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartArray();
            writer.WriteStartObject();
            writer.WriteString("type", "message");
            writer.WriteString("role", "user");
            writer.WritePropertyName("content");
            text.WriteTo(writer);
            writer.WriteEndObject();
            writer.WriteEndArray();
        }
        return JsonElement.Parse(buffer.WrittenSpan);
    }

    /// <summary>What the Responses API can ask for that the bridge cannot give, each refused by its path.</summary>
    private static void RefuseUnbridged(JsonElement body)
    {
        if (NullableBool(body, "background") is true)
            throw ResponsesErrors.Unsupported("background", "background responses are not bridged: wait for the answer, or stream it.");
        if (JsonFields.OptionalArray(body, "include") is { } include && include.GetArrayLength() > 0)
        {
            // Nothing that can be included is there to include: chat upstreams return no encrypted reasoning, the bridge
            // carries no log probabilities, and the built-in tools whose results could be included are not bridged.
            var value = include[0].ValueKind == JsonValueKind.String ? include[0].GetString()! : throw new GatewayException(GatewayError.InvalidValue("include[0]", "expected a string."));
            throw ResponsesErrors.Unsupported("include[0]", $"'{GatewayError.Truncate(value)}' cannot be included through the bridge to chat upstreams.");
        }
        if (JsonFields.OptionalString(body, "truncation") is { } truncation && truncation != "disabled")
            throw truncation == "auto"
                ? ResponsesErrors.Unsupported("truncation", "automatic truncation is not bridged: the conversation is sent whole.")
                : new GatewayException(GatewayError.InvalidValue("truncation", "expected auto or disabled."));
        if (JsonFields.OptionalString(body, "service_tier") is { } tier && tier is not ("auto" or "default"))
            throw ResponsesErrors.Unsupported("service_tier", "only auto and default are bridged: the upstream serves the request at its own tier.");
        if (JsonFields.OptionalNonNegativeInt(body, "top_logprobs") is > 0)
            throw ResponsesErrors.Unsupported("top_logprobs", "log probabilities are not bridged.");
        if (JsonFields.Get(body, "max_tool_calls") is not null)
            throw ResponsesErrors.Unsupported("max_tool_calls", "it limits OpenAI's built-in tools, which are not bridged.");
        if (JsonFields.Get(body, "prompt") is not null)
            throw ResponsesErrors.Unsupported("prompt", "reusable prompts live in OpenAI's service; send the instructions and input themselves.");
        if (JsonFields.Get(body, "conversation") is not null)
            throw ResponsesErrors.Unsupported("conversation", "OpenAI's Conversations API is not bridged; continue with previous_response_id.");
        if (JsonFields.Get(body, "stream_options") is { } streamOptions && streamOptions.ValueKind != JsonValueKind.Object)
            throw new GatewayException(GatewayError.InvalidValue("stream_options", "expected an object."));
    }

    /// <summary><c>metadata</c>: an object of up to 16 string values.</summary>
    private static JsonElement? Metadata(JsonElement body)
    {
        if (JsonFields.OptionalObject(body, "metadata") is not { } metadata)
            return null;
        var count = 0;
        foreach (var entry in metadata.EnumerateObject())
        {
            if (entry.Value.ValueKind != JsonValueKind.String)
                throw new GatewayException(GatewayError.InvalidValue($"metadata.{GatewayError.Truncate(entry.Name)}", "expected a string."));
            if (++count > 16)
                throw new GatewayException(GatewayError.InvalidValue("metadata", "expected at most 16 keys."));
        }
        return metadata;
    }

    /// <summary>
    /// <c>tools</c>: function tools, flat as the Responses API has them (<c>{"type":"function","name","description",
    /// "parameters","strict"}</c>). OpenAI's built-in tools run inside its own service: refused by <c>tools[i].type</c>.
    /// </summary>
    private static ToolDefinition[]? Tools(JsonElement body) => JsonFields.OptionalObjects(body, "tools", static (tool, path) =>
    {
        var type = JsonFields.RequiredString(tool, "type", path);
        if (type != "function")
            throw ResponsesErrors.Unsupported(path.Field("type"),
                $"'{GatewayError.Truncate(type)}' is not a function tool: OpenAI's built-in tools (web search, file search, computer use, code interpreter, image generation, MCP, …) run inside its own service, and the gateway bridges function tools only.");
        var parameters = JsonFields.Get(tool, "parameters") switch
        {
            null => (JsonElement?)null,
            { ValueKind: JsonValueKind.Object } schema => schema,
            _ => throw new GatewayException(GatewayError.InvalidValue(path.Field("parameters"), "expected a JSON Schema object.")),
        };
        return new ToolDefinition(JsonFields.RequiredString(tool, "name", path), JsonFields.OptionalString(tool, "description", path), parameters,
            Strict: NullableBool(tool, "strict", path));
    });

    /// <summary><c>tool_choice</c>: <c>auto</c>, <c>none</c>, <c>required</c> or <c>{"type":"function","name"}</c>, with <c>parallel_tool_calls</c>.</summary>
    private static ToolChoice? ToolChoice(JsonElement body, bool parallelToolCalls)
    {
        var path = JsonPath.Of("tool_choice");
        var mode = JsonFields.Get(body, "tool_choice") switch
        {
            null => (ToolChoiceMode?)null,
            { ValueKind: JsonValueKind.String } text => text.GetString() switch
            {
                "auto" => ToolChoiceMode.Auto,
                "none" => ToolChoiceMode.None,
                "required" => ToolChoiceMode.Required,
                _ => throw new GatewayException(GatewayError.InvalidValue("tool_choice", "expected auto, none, required or a function choice.")),
            },
            { ValueKind: JsonValueKind.Object } choice => JsonFields.RequiredString(choice, "type", path) == "function"
                ? ToolChoiceMode.Function
                : throw ResponsesErrors.Unsupported(path.Field("type"), "only function choices are bridged: the built-in tools, MCP and allowed-tools lists are not."),
            _ => throw new GatewayException(GatewayError.InvalidValue("tool_choice", "expected a string or an object.")),
        };
        if (mode is null)
            return parallelToolCalls ? null : new ToolChoice(ToolChoiceMode.Auto, ParallelToolCalls: false);
        var name = mode == ToolChoiceMode.Function ? JsonFields.RequiredString(body.GetProperty("tool_choice"), "name", path) : null;
        return new ToolChoice(mode.Value, name, parallelToolCalls);
    }

    /// <summary>
    /// <c>text.format</c>: <c>{"type":"text"}</c>, <c>{"type":"json_object"}</c> or <c>{"type":"json_schema","name",
    /// "schema","description","strict"}</c>; <c>text.verbosity</c> other than the default <c>medium</c> has no chat form every upstream reads.
    /// </summary>
    private static ResponseFormat? TextFormat(JsonElement? text)
    {
        if (text is not { } options)
            return null;
        var path = JsonPath.Of("text");
        JsonFields.Object(options, path);
        if (JsonFields.OptionalString(options, "verbosity", path) is { } verbosity && verbosity != "medium")
            throw verbosity is "low" or "high"
                ? ResponsesErrors.Unsupported("text.verbosity", "only the default, medium, is bridged.")
                : new GatewayException(GatewayError.InvalidValue("text.verbosity", "expected low, medium or high."));
        if (JsonFields.Get(options, "format") is not { } format)
            return null;
        var formatPath = path.Then("format");
        JsonFields.Object(format, formatPath);
        return JsonFields.RequiredString(format, "type", formatPath) switch
        {
            ResponseFormat.Text => new ResponseFormat(ResponseFormat.Text),
            ResponseFormat.JsonObject => new ResponseFormat(ResponseFormat.JsonObject),
            ResponseFormat.JsonSchema => new ResponseFormat(ResponseFormat.JsonSchema,
                JsonFields.RequiredString(format, "name", formatPath),
                JsonFields.OptionalString(format, "description", formatPath),
                JsonFields.RequiredObject(format, "schema", formatPath),
                NullableBool(format, "strict", formatPath)),
            _ => throw new GatewayException(GatewayError.InvalidValue(formatPath.Field("type"), "expected text, json_object or json_schema.")),
        };
    }

    /// <summary>
    /// <c>reasoning.effort</c>, one of OpenAI's levels. A <c>summary</c> other than <c>auto</c> asks for a summary of a
    /// given length, which the bridge cannot write: the reasoning comes as the upstream gives it.
    /// </summary>
    private static string? ReasoningEffort(JsonElement? reasoning)
    {
        if (reasoning is not { } options)
            return null;
        var path = JsonPath.Of("reasoning");
        JsonFields.Object(options, path);
        foreach (var field in (ReadOnlySpan<string>)["summary", "generate_summary"])
        {
            if (JsonFields.OptionalString(options, field, path) is { } summary && summary != "auto")
                throw summary is "concise" or "detailed"
                    ? ResponsesErrors.Unsupported(path.Field(field), "the reasoning comes as the upstream model gives it; it cannot be summarized to a length. Use auto.")
                    : new GatewayException(GatewayError.InvalidValue(path.Field(field), "expected auto, concise or detailed."));
        }
        var effort = JsonFields.OptionalString(options, "effort", path);
        if (effort is not null && !ReasoningEfforts.TryBudgetOf(effort, out _))
            throw new GatewayException(GatewayError.InvalidValue(path.Field("effort"), $"expected {ReasoningEfforts.Levels}."));
        return effort;
    }

    /// <summary>A boolean that may be left out (null then), unlike <see cref="JsonFields.OptionalBool"/>'s false.</summary>
    private static bool? NullableBool(JsonElement obj, string field, JsonPath? at = null) =>
        JsonFields.Get(obj, field) is null ? null : JsonFields.OptionalBool(obj, field, at);
}
