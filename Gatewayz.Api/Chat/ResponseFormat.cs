using System.Text.Json;

namespace Gatewayz.Api.Chat;

/// <summary>
/// The shape the answer's text must take: OpenAI's chat <c>response_format</c> and the Responses API's
/// <c>text.format</c>. <see cref="Type"/> is <c>text</c>, <c>json_object</c> or <c>json_schema</c>; a JSON schema
/// format has its <see cref="Name"/>, <see cref="Schema"/> (from the request's document) and, when given,
/// <see cref="Description"/> and <see cref="Strict"/>.
/// </summary>
public sealed record ResponseFormat(string Type, string? Name = null, string? Description = null, JsonElement? Schema = null, bool? Strict = null)
{
    public const string Text = "text";
    public const string JsonObject = "json_object";
    public const string JsonSchema = "json_schema";
}
