using System.Text.Json;
using Gatewayz.Api.Chat;
using Gatewayz.Api.Errors;

namespace Gatewayz.Api.Anthropic;

/// <summary>
/// Reads Anthropic content blocks — a message's, the system prompt's, a tool result's — into canonical parts,
/// one per block and in the client's order: <c>text</c>, <c>image</c>, <c>tool_use</c>, <c>tool_result</c>,
/// <c>thinking</c> and <c>redacted_thinking</c>, each where Anthropic allows it (<see cref="AnthropicBlockContainer"/>).
/// Any other block — <c>document</c>, <c>search_result</c>, Anthropic's server-tool blocks, an image from its
/// Files API — is an <see cref="OpaquePart"/>: an Anthropic upstream receives it as sent, and translating it for
/// an OpenAI-compatible upstream is a 400 naming its type and path. A known block where Anthropic does not allow
/// it, or malformed, is a 400 for every upstream.
/// </summary>
public static class AnthropicContentParser
{
    /// <summary>The image formats Anthropic accepts, which OpenAI-compatible vision models read as well.</summary>
    private static readonly HashSet<string> ImageMediaTypes = ["image/jpeg", "image/png", "image/gif", "image/webp"];

    public static ChatMessage ParseMessage(JsonElement message, JsonPath path)
    {
        JsonFields.Object(message, path);
        var role = JsonFields.OptionalString(message, "role", path) ?? throw new GatewayException(GatewayError.MissingField(path.Field("role")));
        var container = role switch
        {
            "user" => AnthropicBlockContainer.User,
            "assistant" => AnthropicBlockContainer.Assistant,
            _ => throw new GatewayException(GatewayError.InvalidValue(path.Field("role"), "expected user or assistant.")),
        };
        return JsonFields.Get(message, "content") switch
        {
            null => throw new GatewayException(GatewayError.MissingField(path.Field("content"))),
            { ValueKind: JsonValueKind.String } text => new ChatMessage(role, text.GetString()!),
            { ValueKind: JsonValueKind.Array } blocks => new ChatMessage(role, ParseBlocks(blocks, container, path, "content")),
            _ => throw new GatewayException(GatewayError.InvalidValue(path.Field("content"), "expected a string or an array of content blocks.")),
        };
    }

    /// <summary>
    /// The blocks of the array <paramref name="property"/> of the object at <paramref name="parent"/> (none:
    /// the body), one part each.
    /// </summary>
    public static ContentPart[] ParseBlocks(JsonElement blocks, AnthropicBlockContainer container, JsonPath? parent, string property)
    {
        var parts = new ContentPart[blocks.GetArrayLength()];
        var i = 0;
        foreach (var block in blocks.EnumerateArray())
        {
            parts[i] = ParseBlock(block, container, parent?.Then(property, i) ?? JsonPath.Of(property, i));
            i++;
        }
        return parts;
    }

    private static ContentPart ParseBlock(JsonElement block, AnthropicBlockContainer container, JsonPath path)
    {
        JsonFields.Object(block, path);
        var type = JsonFields.RequiredString(block, "type", path);
        return (type, container) switch
        {
            ("text", _) => new TextPart(JsonFields.RequiredText(block, "text", path)),
            ("image", not AnthropicBlockContainer.System) => ParseImage(block, path),
            ("tool_use", AnthropicBlockContainer.Assistant) => new ToolCallPart(
                JsonFields.RequiredString(block, "id", path),
                JsonFields.RequiredString(block, "name", path),
                JsonFields.RequiredObject(block, "input", path).GetRawText()),
            ("tool_result", AnthropicBlockContainer.User) => ParseToolResult(block, path),
            ("thinking", AnthropicBlockContainer.Assistant) => new ThinkingPart(JsonFields.RequiredText(block, "thinking", path), JsonFields.OptionalString(block, "signature", path)),
            ("redacted_thinking", AnthropicBlockContainer.Assistant) => new ThinkingPart("", EncryptedContent: JsonFields.RequiredString(block, "data", path)),
            ("text" or "image" or "tool_use" or "tool_result" or "thinking" or "redacted_thinking", _) =>
                throw new GatewayException(GatewayError.InvalidValue(path.Field("type"), Misplaced(type, container))),
            _ => new OpaquePart(GatewayError.Truncate(type), block),
        };
    }

    /// <summary>A tool's answer: <c>content</c> a string or a list of text and image blocks, <c>is_error</c> whether the call failed.</summary>
    private static ToolResultPart ParseToolResult(JsonElement block, JsonPath path)
    {
        var toolUseId = JsonFields.RequiredString(block, "tool_use_id", path);
        var isError = JsonFields.OptionalBool(block, "is_error", path);
        ContentPart[] content = JsonFields.Get(block, "content") switch
        {
            null => [],
            { ValueKind: JsonValueKind.String } text => text.GetString() is { Length: > 0 } value ? [new TextPart(value)] : [],
            { ValueKind: JsonValueKind.Array } blocks => ParseBlocks(blocks, AnthropicBlockContainer.ToolResult, path, "content"),
            _ => throw new GatewayException(GatewayError.InvalidValue(path.Field("content"), "expected a string or an array of text and image blocks.")),
        };
        return new ToolResultPart(toolUseId, content, isError);
    }

    /// <summary>
    /// An image given inline (<c>source.type</c> <c>base64</c>, with <c>media_type</c> and <c>data</c>) or by
    /// <c>url</c>. A <c>file</c> source names a file in Anthropic's Files API, which no other upstream can read:
    /// an <see cref="OpaquePart"/>.
    /// </summary>
    private static ContentPart ParseImage(JsonElement block, JsonPath path)
    {
        var source = JsonFields.RequiredObject(block, "source", path);
        var sourcePath = path.Then("source");
        var type = JsonFields.RequiredString(source, "type", sourcePath);
        switch (type)
        {
            case "base64":
                var mediaType = JsonFields.RequiredString(source, "media_type", sourcePath);
                if (!ImageMediaTypes.Contains(mediaType))
                    throw new GatewayException(GatewayError.InvalidValue(sourcePath.Field("media_type"), "expected image/jpeg, image/png, image/gif or image/webp."));
                return new ImagePart(Url: null, mediaType, JsonFields.RequiredString(source, "data", sourcePath));
            case "url":
                var url = JsonFields.RequiredString(source, "url", sourcePath);
                if (!Uri.TryCreate(url, UriKind.Absolute, out var uri) || (uri.Scheme != Uri.UriSchemeHttps && uri.Scheme != Uri.UriSchemeHttp))
                    throw new GatewayException(GatewayError.InvalidValue(sourcePath.Field("url"), "expected an absolute http or https URL."));
                return new ImagePart(url);
            default:
                // A file in Anthropic's Files API (or a source yet to come): only an Anthropic upstream can read it.
                return new OpaquePart($"image with a '{GatewayError.Truncate(type)}' source", block, "source.type");
        }
    }

    private static string Misplaced(string type, AnthropicBlockContainer container)
    {
        var (holder, holds) = container switch
        {
            AnthropicBlockContainer.System => ("the system prompt", "text"),
            AnthropicBlockContainer.User => ("a user message", "text, image, tool_result and document"),
            AnthropicBlockContainer.Assistant => ("an assistant message", "text, image, tool_use, thinking and redacted_thinking"),
            _ => ("a tool result", "text, image, search_result and document"),
        };
        return $"{type} blocks cannot stand in {holder}, which holds {holds} blocks.";
    }
}
