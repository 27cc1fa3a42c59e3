using System.Text.Json;
using Gatewayz.Api.Chat;
using Gatewayz.Api.Errors;
using Gatewayz.Api.Streaming;

namespace Gatewayz.Api.Wire.OpenAi;

/// <summary>
/// Writes a canonical <see cref="ChatRequest"/> as an OpenAI chat-completions body, the form every
/// OpenAI-compatible upstream reads: the request a client sent in another format (Anthropic's Messages),
/// restated. A streamed request says <c>stream: true</c>, as a client's body does (a writer for another format reads
/// it there); <c>UpstreamRequestBody</c> writes <c>stream</c> and <c>stream_options</c> afresh for every upstream
/// attempt. Anthropic's <c>thinking</c> becomes <c>reasoning_effort</c> (see <see cref="WriteReasoningEffort"/>), as does the Responses API's <c>reasoning.effort</c>; its <c>text.format</c>
/// becomes <c>response_format</c>. What the format cannot express is a 400 naming the part, never a silent drop —
/// except reasoning (<see cref="ThinkingPart"/>), which OpenAI's format has no input for and no model needs
/// back (see <see cref="MessageShape"/>), so it is left out.
/// </summary>
public static class OpenAiRequestWriter
{
    /// <summary>Between text parts written as one string: parts are paragraphs to the client, not fragments of one.</summary>
    private const string TextSeparator = "\n";

    /// <summary>
    /// OpenAI's tool message has no error flag, so a failed call's result says so in its text. LiteLLM and
    /// Envoy AI Gateway drop Anthropic's <c>is_error</c> and send the content alone, which leaves the model
    /// to guess from the text whether the call failed; the prefix keeps the flag where the model reads it.
    /// </summary>
    private const string ToolErrorPrefix = "Error: ";

    private static readonly ReusableJsonWriter Writer = new(new JsonWriterOptions());

    /// <summary>
    /// The body as a small document of its own that needs no disposal, so it outlives the client's.
    /// <paramref name="pathOf"/> names a part the format cannot express by the client's JSON path.
    /// </summary>
    public static JsonElement WriteBody(ChatRequest request, Func<ContentLocation, string> pathOf) =>
        Writer.Write((request, pathOf), static (writer, state) => Write(writer, state.request, state.pathOf), static json => JsonElement.Parse(json));

    public static void Write(Utf8JsonWriter writer, ChatRequest request, Func<ContentLocation, string> pathOf)
    {
        writer.WriteStartObject();
        writer.WriteString("model", request.Model);
        writer.WriteStartArray("messages");
        for (var m = 0; m < request.Messages.Count; m++)
            WriteMessage(writer, request.Messages[m], m, pathOf);
        writer.WriteEndArray();
        WriteTools(writer, request);
        if (request.Stream) writer.WriteBoolean("stream", true);
        if (request.MaxTokens is { } maxTokens) writer.WriteNumber("max_tokens", maxTokens);
        if (request.Temperature is { } temperature) writer.WriteNumber("temperature", temperature);
        if (request.TopP is { } topP) writer.WriteNumber("top_p", topP);
        // Not in OpenAI's API, but vLLM, SGLang and OpenRouter read it from an OpenAI-format body; an
        // upstream that refuses parameters it does not know says so in a 400 the client receives.
        if (request.TopK is { } topK) writer.WriteNumber("top_k", topK);
        if (request.Thinking is { } thinking) WriteReasoningEffort(writer, thinking);
        else if (request.ReasoningEffort is { } effort) writer.WriteString("reasoning_effort", effort);
        if (request.ResponseFormat is { } format) WriteResponseFormat(writer, format);
        if (request.Stop is { Count: > 0 } stop)
        {
            writer.WriteStartArray("stop");
            foreach (var sequence in stop) writer.WriteStringValue(sequence);
            writer.WriteEndArray();
        }
        if (request.User is { } user) writer.WriteString("user", user);
        writer.WriteEndObject();
    }

    /// <summary>
    /// Anthropic's <c>thinking</c> as OpenAI's <c>reasoning_effort</c>, the one reasoning knob OpenAI-compatible
    /// upstreams share: <c>enabled</c> with a budget → the effort of <see cref="ReasoningEfforts.EffortOf"/>;
    /// <c>disabled</c> → nothing (reasoning models that cannot stop reasoning still do); <c>adaptive</c>, which lets
    /// the model decide → nothing, the upstream model's own default. The budget itself is not sent: no field carries
    /// it to every OpenAI-compatible upstream — OpenRouter's <c>reasoning.max_tokens</c> it refuses beside an effort,
    /// vLLM's <c>thinking_token_budget</c> only vLLM reads, and OpenAI and Groq refuse fields they do not know. A
    /// <c>thinking</c> Anthropic's API would refuse is a 400 naming its field.
    /// </summary>
    private static void WriteReasoningEffort(Utf8JsonWriter writer, ThinkingRequest thinking)
    {
        switch (thinking.Type)
        {
            case "enabled":
                writer.WriteString("reasoning_effort", ReasoningEfforts.EffortOf(thinking.BudgetTokens
                    ?? throw new GatewayException(GatewayError.InvalidValue("thinking.budget_tokens", "expected a positive integer."))));
                break;
            case "disabled" or "adaptive":
                break;
            default:
                throw new GatewayException(GatewayError.InvalidValue("thinking.type", "expected enabled, disabled or adaptive."));
        }
    }

    /// <summary>
    /// <c>response_format</c>: <c>{"type":"text"}</c>, <c>{"type":"json_object"}</c>, or <c>{"type":"json_schema",
    /// "json_schema":{"name","description","schema","strict"}}</c> — chat completions nest the schema's fields where the
    /// Responses API's <c>text.format</c> has them at its top.
    /// </summary>
    private static void WriteResponseFormat(Utf8JsonWriter writer, ResponseFormat format)
    {
        writer.WriteStartObject("response_format");
        writer.WriteString("type", format.Type);
        if (format.Type == ResponseFormat.JsonSchema)
        {
            writer.WriteStartObject("json_schema");
            writer.WriteString("name", format.Name);
            if (format.Description is { } description) writer.WriteString("description", description);
            if (format.Schema is { } schema)
            {
                writer.WritePropertyName("schema");
                schema.WriteTo(writer);
            }
            if (format.Strict is { } strict) writer.WriteBoolean("strict", strict);
            writer.WriteEndObject();
        }
        writer.WriteEndObject();
    }

    /// <summary>
    /// A message's tool results become <c>tool</c> messages of their own, first — OpenAI expects them right
    /// after the assistant message that made the calls — and the rest of it one message of its role.
    /// </summary>
    private static void WriteMessage(Utf8JsonWriter writer, ChatMessage message, int m, Func<ContentLocation, string> pathOf)
    {
        var shape = MessageShape.Of(message, m, pathOf);
        for (var p = 0; p < message.Parts.Count; p++)
        {
            if (message.Parts[p] is ToolResultPart result)
                WriteToolResult(writer, result, new ContentLocation(m, p), pathOf);
        }
        if (shape.ToolResults > 0 && shape.ToolResults == message.Parts.Count)
            return;

        writer.WriteStartObject();
        writer.WriteString("role", message.Role);
        if (shape.Images > 0)
            WriteContentParts(writer, message.Parts);
        else if (shape.Texts > 0 || shape.ToolCalls == 0)
            WriteTextContent(writer, message.Parts);
        // else: an assistant message of tool calls only, whose content OpenAI lets go unsaid.
        if (shape.ToolCalls > 0)
            WriteToolCalls(writer, message.Parts);
        writer.WriteEndObject();
    }

    private static void WriteContentParts(Utf8JsonWriter writer, IReadOnlyList<ContentPart> parts)
    {
        writer.WriteStartArray("content");
        foreach (var part in parts)
        {
            switch (part)
            {
                case TextPart text:
                    writer.WriteStartObject();
                    writer.WriteString("type", "text");
                    writer.WriteString("text", text.Text);
                    writer.WriteEndObject();
                    break;
                case ImagePart image:
                    writer.WriteStartObject();
                    writer.WriteString("type", "image_url");
                    writer.WriteStartObject("image_url");
                    writer.WriteString("url", image.ToUrl());
                    if (image.Detail is { } detail) writer.WriteString("detail", detail);
                    writer.WriteEndObject();
                    writer.WriteEndObject();
                    break;
            }
        }
        writer.WriteEndArray();
    }

    /// <summary>The text parts as one string (none: empty), the other parts skipped.</summary>
    private static void WriteTextContent(Utf8JsonWriter writer, IReadOnlyList<ContentPart> parts, string prefix = "")
    {
        writer.WritePropertyName("content");
        if (prefix.Length > 0)
            writer.WriteStringValueSegment(prefix, isFinalSegment: false);
        var first = true;
        foreach (var part in parts)
        {
            if (part is not TextPart text) continue;
            if (!first) writer.WriteStringValueSegment(TextSeparator, isFinalSegment: false);
            writer.WriteStringValueSegment(text.Text, isFinalSegment: false);
            first = false;
        }
        writer.WriteStringValueSegment("", isFinalSegment: true);
    }

    private static void WriteToolCalls(Utf8JsonWriter writer, IReadOnlyList<ContentPart> parts)
    {
        writer.WriteStartArray("tool_calls");
        foreach (var part in parts)
        {
            if (part is not ToolCallPart call) continue;
            writer.WriteStartObject();
            writer.WriteString("id", call.Id);
            writer.WriteString("type", "function");
            writer.WriteStartObject("function");
            writer.WriteString("name", call.Name);
            writer.WriteString("arguments", call.Arguments);
            writer.WriteEndObject();
            writer.WriteEndObject();
        }
        writer.WriteEndArray();
    }

    private static void WriteToolResult(Utf8JsonWriter writer, ToolResultPart result, ContentLocation at, Func<ContentLocation, string> pathOf)
    {
        for (var n = 0; n < result.Content.Count; n++)
        {
            if (result.Content[n] is not TextPart)
                throw Inexpressible(pathOf(at with { Nested = n }), result.Content[n],
                    "an OpenAI tool message holds text only.");
        }
        writer.WriteStartObject();
        writer.WriteString("role", "tool");
        writer.WriteString("tool_call_id", result.ToolCallId);
        WriteTextContent(writer, result.Content, result.IsError ? ToolErrorPrefix : "");
        writer.WriteEndObject();
    }

    private static void WriteTools(Utf8JsonWriter writer, ChatRequest request)
    {
        if (request.Tools is not { Count: > 0 } tools)
        {
            // Without tools, "auto" and "none" mean what they say already; a required call has nothing to call.
            if (request.ToolChoice is { Mode: ToolChoiceMode.Required or ToolChoiceMode.Function })
                throw new GatewayException(GatewayError.InvalidValue("tool_choice", "a tool choice that requires a tool call needs tools to call."));
            return;
        }

        writer.WriteStartArray("tools");
        for (var i = 0; i < tools.Count; i++)
        {
            var tool = tools[i];
            if (tool.BuiltInType is { } builtIn)
                throw new GatewayException(GatewayError.InvalidValue($"tools[{i}].type",
                    $"'{GatewayError.Truncate(builtIn)}' is one of Anthropic's own tools, which an OpenAI-compatible upstream does not have; only custom tools (name, description, input_schema) can be sent to it."));
            writer.WriteStartObject();
            writer.WriteString("type", "function");
            writer.WriteStartObject("function");
            writer.WriteString("name", tool.Name);
            if (tool.Description is { } description) writer.WriteString("description", description);
            if (tool.Parameters is { } parameters)
            {
                writer.WritePropertyName("parameters");
                parameters.WriteTo(writer);
            }
            if (tool.Strict is { } strict) writer.WriteBoolean("strict", strict);
            writer.WriteEndObject();
            writer.WriteEndObject();
        }
        writer.WriteEndArray();

        if (request.ToolChoice is not { } choice)
            return;
        switch (choice.Mode)
        {
            case ToolChoiceMode.Auto: writer.WriteString("tool_choice", "auto"); break;
            case ToolChoiceMode.None: writer.WriteString("tool_choice", "none"); break;
            case ToolChoiceMode.Required: writer.WriteString("tool_choice", "required"); break;
            case ToolChoiceMode.Function:
                writer.WriteStartObject("tool_choice");
                writer.WriteString("type", "function");
                writer.WriteStartObject("function");
                writer.WriteString("name", choice.FunctionName);
                writer.WriteEndObject();
                writer.WriteEndObject();
                break;
        }
        if (!choice.ParallelToolCalls)
            writer.WriteBoolean("parallel_tool_calls", false);
    }

    /// <summary>A 400 naming the part's path (and the field of an <see cref="OpaquePart"/> that makes it what it is).</summary>
    private static GatewayException Inexpressible(string path, ContentPart part, string reason) =>
        new(GatewayError.InvalidValue(part is OpaquePart opaque ? $"{path}.{opaque.Field}" : path,
            $"this {KindOf(part)} cannot be sent to an OpenAI-compatible upstream: {reason}"));

    private static string KindOf(ContentPart part) => part switch
    {
        TextPart => "text",
        ImagePart => "image",
        ToolCallPart => "tool call",
        ToolResultPart => "tool result",
        ThinkingPart => "reasoning",
        OpaquePart opaque => $"{opaque.Type} block",
        _ => "content",
    };

    /// <summary>What a message holds, counted once, with every part its role cannot carry in OpenAI's format refused.</summary>
    private readonly record struct MessageShape(int Texts, int Images, int ToolCalls, int ToolResults)
    {
        public static MessageShape Of(ChatMessage message, int m, Func<ContentLocation, string> pathOf)
        {
            var shape = new MessageShape();
            var assistant = message.Role == "assistant";
            for (var p = 0; p < message.Parts.Count; p++)
            {
                var part = message.Parts[p];
                shape = part switch
                {
                    TextPart => shape with { Texts = shape.Texts + 1 },
                    ImagePart when message.Role == "user" => shape with { Images = shape.Images + 1 },
                    ToolCallPart when assistant => shape with { ToolCalls = shape.ToolCalls + 1 },
                    ToolResultPart when !assistant => shape with { ToolResults = shape.ToolResults + 1 },
                    // OpenAI's format has no input form for reasoning, and leaving it out loses nothing a model
                    // would read: Anthropic strips earlier turns' thinking from the context itself, DeepSeek's API
                    // refuses reasoning_content in input messages, and the chat templates of open reasoning models
                    // (DeepSeek-R1, Qwen3) drop earlier reasoning from the history they render.
                    ThinkingPart => shape,
                    OpaquePart => throw Inexpressible(pathOf(new ContentLocation(m, p)), part, "OpenAI's format has no counterpart for it."),
                    _ => throw Inexpressible(pathOf(new ContentLocation(m, p)), part,
                        $"OpenAI's {message.Role} messages cannot hold it (images go in user messages, tool calls in assistant messages, tool results in their own tool messages)."),
                };
            }
            return shape;
        }
    }
}
