using System.Text.Json;
using Gatewayz.Api.Chat;
using Gatewayz.Api.Errors;

namespace Gatewayz.Api.Responses;

/// <summary>
/// Builds the canonical conversation (<see cref="ChatMessage"/>s of ordered parts) from Responses API input items, and
/// remembers where each part came from, so that a writer for an upstream that cannot express a part names the client's
/// path (<see cref="PathOf"/>). Items, as OpenAI's reference defines them:
/// <list type="bullet">
/// <item><c>message</c> (<c>type</c> may be left out): <c>role</c> <c>user</c>, <c>assistant</c>, <c>system</c> or
/// <c>developer</c>; <c>content</c> a string or a list of <c>input_text</c> / <c>output_text</c> (<c>text</c>),
/// <c>refusal</c> (<c>refusal</c>) and <c>input_image</c> (<c>image_url</c>, <c>detail</c>) parts.</item>
/// <item><c>function_call</c> (<c>call_id</c>, <c>name</c>, <c>arguments</c>): the model's call, from an earlier answer.</item>
/// <item><c>function_call_output</c> (<c>call_id</c>, <c>output</c> a string or a list of <c>input_text</c> and
/// <c>input_image</c> parts): what the client's function returned.</item>
/// <item><c>reasoning</c> (<c>content</c> of <c>reasoning_text</c>, <c>summary</c> of <c>summary_text</c>): an earlier
/// answer's reasoning, sent back as the API asks; it becomes a <see cref="ThinkingPart"/>, which chat upstreams are not
/// sent (see <c>OpenAiRequestWriter</c>).</item>
/// </list>
/// An assistant message and the function calls after it make one assistant turn, as chat completions have it (text and
/// <c>tool_calls</c> in one message); each function call output is a <c>tool</c> turn of its own. Anything else — the
/// built-in tools' items (<c>web_search_call</c>, <c>file_search_call</c>, <c>computer_call</c>, …), <c>item_reference</c>,
/// <c>input_file</c> and <c>input_audio</c> parts, images by <c>file_id</c> — is a 400 naming its path.
/// </summary>
public sealed class ResponsesConversation
{
    private static readonly HashSet<string> Roles = ["user", "assistant", "system", "developer"];

    private readonly List<ChatMessage> _messages = [];

    // Per message, the path of the item that began it and of each of its parts.
    private readonly List<(JsonPath Item, JsonPath[] Parts)> _paths = [];

    // The assistant turn being collected: an assistant message's parts and the function calls (and reasoning) after it.
    private readonly List<ContentPart> _assistant = [];
    private readonly List<JsonPath> _assistantPaths = [];
    private JsonPath? _assistantItem;

    /// <summary>The conversation so far, the open assistant turn included.</summary>
    public IReadOnlyList<ChatMessage> Messages
    {
        get
        {
            EndAssistantTurn();
            return _messages;
        }
    }

    /// <summary>The client's path of a part of <see cref="Messages"/>.</summary>
    public string PathOf(ContentLocation at)
    {
        var part = _paths[at.Message].Parts[at.Part];
        return (at.Nested == ContentLocation.NotNested ? part : part.Then("output", at.Nested)).ToString();
    }

    /// <summary>The path of the item that began message <paramref name="message"/>.</summary>
    public string ItemPathOf(int message) => _paths[message].Item.ToString();

    /// <summary>The path of the <paramref name="call"/>-th function call of message <paramref name="message"/>, an assistant turn.</summary>
    public string CallPathOf(int message, int call)
    {
        var (item, parts) = _paths[message];
        var calls = _messages[message].Parts.Select((part, index) => (part, index)).Where(entry => entry.part is ToolCallPart).ToList();
        return (call < calls.Count ? parts[calls[call].index] : item).ToString();
    }

    /// <summary>The request's <c>instructions</c>, as a system message (first, since the caller adds it first).</summary>
    public void AddInstructions(string instructions)
    {
        var path = JsonPath.Of("instructions");
        Add(new ChatMessage("system", instructions), path, [path]);
    }

    /// <summary>The string form of <c>input</c> at <paramref name="path"/>: one user message.</summary>
    public void AddUserText(string text, JsonPath path) => Add(new ChatMessage("user", text), path, [path]);

    /// <summary>Reads one input item at <paramref name="path"/>; a malformed or unbridgeable one throws a 400 naming its path.</summary>
    public void AddItem(JsonElement item, JsonPath path)
    {
        JsonFields.Object(item, path);
        var type = JsonFields.OptionalString(item, "type", path)
            ?? (item.TryGetProperty("role", out _) ? "message" : throw new GatewayException(GatewayError.MissingField(path.Field("type"))));
        switch (type)
        {
            case "message":
                AddMessage(item, path);
                break;
            case "function_call":
                _assistantItem ??= path;
                _assistant.Add(new ToolCallPart(
                    JsonFields.RequiredString(item, "call_id", path),
                    JsonFields.RequiredString(item, "name", path),
                    JsonFields.RequiredText(item, "arguments", path)));
                _assistantPaths.Add(path);
                break;
            case "function_call_output":
                EndAssistantTurn();
                var callId = JsonFields.RequiredString(item, "call_id", path);
                Add(new ChatMessage("tool", [new ToolResultPart(callId, Output(item, path))]), path, [path]);
                break;
            case "reasoning":
                if (Reasoning(item, path) is { Length: > 0 } reasoning)
                {
                    _assistantItem ??= path;
                    _assistant.Add(new ThinkingPart(reasoning));
                    _assistantPaths.Add(path);
                }
                break;
            default:
                throw ResponsesErrors.Unsupported(path.Field("type"),
                    $"'{GatewayError.Truncate(type)}' items are not bridged: the gateway serves the Responses API through chat completions, which carry messages, function calls and their outputs, and reasoning.");
        }
    }

    private void AddMessage(JsonElement item, JsonPath path)
    {
        var role = JsonFields.RequiredString(item, "role", path);
        if (!Roles.Contains(role))
            throw new GatewayException(GatewayError.InvalidValue(path.Field("role"), "expected one of user, assistant, system, developer."));
        var (parts, paths) = Content(item, path);
        if (role == "assistant")
        {
            // An assistant message starts a turn of its own (joined by the reasoning that led to it, sent before it, and
            // the function calls that follow it).
            if (_assistant.Exists(part => part is not ThinkingPart))
                EndAssistantTurn();
            _assistantItem ??= path;
            _assistant.AddRange(parts);
            _assistantPaths.AddRange(paths);
            return;
        }
        EndAssistantTurn();
        Add(new ChatMessage(role, parts), path, [.. paths]);
    }

    /// <summary>A message's <c>content</c>: a string, or a list of parts (each one part of the canonical message).</summary>
    private static (List<ContentPart> Parts, List<JsonPath> Paths) Content(JsonElement item, JsonPath path)
    {
        var parts = new List<ContentPart>();
        var paths = new List<JsonPath>();
        switch (JsonFields.Get(item, "content"))
        {
            case null:
                throw new GatewayException(GatewayError.MissingField(path.Field("content")));
            case { ValueKind: JsonValueKind.String } text:
                if (text.GetString() is { Length: > 0 } value)
                {
                    parts.Add(new TextPart(value));
                    paths.Add(path.Then("content"));
                }
                break;
            case { ValueKind: JsonValueKind.Array } list:
                var index = 0;
                foreach (var part in list.EnumerateArray())
                {
                    var partPath = path.Then("content", index++);
                    parts.Add(ContentPart(part, partPath, inToolOutput: false));
                    paths.Add(partPath);
                }
                break;
            default:
                throw JsonFields.InvalidContent(path.Field("content"));
        }
        return (parts, paths);
    }

    /// <summary>A function call output's <c>output</c>: a string, or a list of <c>input_text</c> and <c>input_image</c> parts.</summary>
    private static List<ContentPart> Output(JsonElement item, JsonPath path) => JsonFields.Get(item, "output") switch
    {
        null => throw new GatewayException(GatewayError.MissingField(path.Field("output"))),
        { ValueKind: JsonValueKind.String } text => [new TextPart(text.GetString()!)],
        { ValueKind: JsonValueKind.Array } list => [.. list.EnumerateArray().Select((part, n) => ContentPart(part, path.Then("output", n), inToolOutput: true))],
        _ => throw new GatewayException(GatewayError.InvalidValue(path.Field("output"), "expected a string or an array of content parts.")),
    };

    private static ContentPart ContentPart(JsonElement part, JsonPath path, bool inToolOutput)
    {
        JsonFields.Object(part, path);
        var type = JsonFields.RequiredString(part, "type", path);
        return type switch
        {
            "input_text" => new TextPart(JsonFields.RequiredText(part, "text", path)),
            "output_text" when !inToolOutput => new TextPart(JsonFields.RequiredText(part, "text", path)),
            "refusal" when !inToolOutput => new TextPart(JsonFields.RequiredText(part, "refusal", path)),
            "input_image" => Image(part, path),
            "input_file" or "input_audio" => throw ResponsesErrors.Unsupported(path.Field("type"),
                $"'{type}' parts are not bridged: chat upstreams are sent text and images."),
            _ => throw new GatewayException(GatewayError.InvalidValue(path.Field("type"),
                inToolOutput ? "expected input_text or input_image." : "expected input_text, output_text, refusal or input_image.")),
        };
    }

    /// <summary>An <c>input_image</c> by URL (http, https or a <c>data:</c> URL); one from the Files API (<c>file_id</c>) has no URL to send.</summary>
    private static ImagePart Image(JsonElement part, JsonPath path)
    {
        var detail = JsonFields.OptionalString(part, "detail", path);
        if (detail is not (null or "low" or "high" or "auto"))
            throw new GatewayException(GatewayError.InvalidValue(path.Field("detail"), "expected low, high or auto."));
        if (JsonFields.OptionalString(part, "image_url", path) is { } url)
        {
            if (!(url.StartsWith("https://", StringComparison.OrdinalIgnoreCase) || url.StartsWith("http://", StringComparison.OrdinalIgnoreCase)
                || url.StartsWith("data:", StringComparison.OrdinalIgnoreCase)))
                throw new GatewayException(GatewayError.InvalidValue(path.Field("image_url"), "expected an http, https or data: URL."));
            return new ImagePart(url, Detail: detail);
        }
        if (JsonFields.OptionalString(part, "file_id", path) is not null)
            throw ResponsesErrors.Unsupported(path.Field("file_id"), "images from OpenAI's Files API are not bridged: send the image by image_url (an https or data: URL).");
        throw new GatewayException(GatewayError.MissingField(path.Field("image_url")));
    }

    /// <summary>A reasoning item's text: its <c>reasoning_text</c> content, else its summary; checked for shape only.</summary>
    private static string Reasoning(JsonElement item, JsonPath path)
    {
        var content = TextsOf(item, "content", "reasoning_text", path);
        return content.Length > 0 ? content : TextsOf(item, "summary", "summary_text", path);
    }

    private static string TextsOf(JsonElement item, string field, string partType, JsonPath path)
    {
        if (JsonFields.Get(item, field) is not { } list)
            return "";
        if (list.ValueKind != JsonValueKind.Array)
            throw new GatewayException(GatewayError.InvalidValue(path.Field(field), "expected an array."));
        var texts = new List<string>();
        var index = 0;
        foreach (var part in list.EnumerateArray())
        {
            var partPath = path.Then(field, index++);
            JsonFields.Object(part, partPath);
            if (JsonFields.RequiredString(part, "type", partPath) != partType)
                throw new GatewayException(GatewayError.InvalidValue(partPath.Field("type"), $"expected {partType}."));
            texts.Add(JsonFields.RequiredText(part, "text", partPath));
        }
        return string.Join("\n", texts);
    }

    /// <summary>
    /// Closes the assistant turn being collected. Reasoning with nothing after it is left out: chat upstreams are not
    /// sent reasoning, and a turn of none but it would reach them as an empty assistant message.
    /// </summary>
    private void EndAssistantTurn()
    {
        if (_assistant.TrueForAll(part => part is ThinkingPart))
        {
            _assistant.Clear();
            _assistantPaths.Clear();
            _assistantItem = null;
            return;
        }
        Add(new ChatMessage("assistant", [.. _assistant]), _assistantItem!, [.. _assistantPaths]);
        _assistant.Clear();
        _assistantPaths.Clear();
        _assistantItem = null;
    }

    private void Add(ChatMessage message, JsonPath item, JsonPath[] parts)
    {
        _messages.Add(message);
        _paths.Add((item, parts));
    }
}
