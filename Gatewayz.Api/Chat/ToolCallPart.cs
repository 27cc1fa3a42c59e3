namespace Gatewayz.Api.Chat;

/// <summary>
/// The model's call of a tool: OpenAI's <c>tool_calls[]</c> entry (<c>id</c>, <c>function.name</c>,
/// <c>function.arguments</c>), Anthropic's <c>tool_use</c> block (<c>id</c>, <c>name</c>, <c>input</c>).
/// <see cref="Arguments"/> is the arguments' JSON text as the model wrote it.
/// </summary>
public sealed record ToolCallPart(string Id, string Name, string Arguments) : ContentPart
{
    public override int TextLength => Name.Length + Arguments.Length;
}
