using System.Text.Json;

namespace Gatewayz.Api.Chat;

/// <summary>
/// A function the model may call: OpenAI's <c>tools[].function</c> (<c>name</c>, <c>description</c>,
/// <c>parameters</c>), Anthropic's <c>tools[]</c> (<c>name</c>, <c>description</c>, <c>input_schema</c>).
/// <see cref="Parameters"/> is the JSON Schema of its arguments, from the request's document.
/// <see cref="BuiltInType"/> names one of the provider's own tools instead (Anthropic's <c>web_search_20250305</c>,
/// <c>bash_20250124</c>, …), which only an upstream of that provider's format can be sent. <see cref="Strict"/> is
/// OpenAI's <c>strict</c> (the arguments must follow the schema exactly), when the client gave it.
/// </summary>
public sealed record ToolDefinition(string Name, string? Description, JsonElement? Parameters, string? BuiltInType = null, bool? Strict = null);
