namespace Gatewayz.Api.Chat;

/// <summary>Whether the model may, must or must not call tools (OpenAI's <c>tool_choice</c>, Anthropic's <c>tool_choice.type</c>).</summary>
public enum ToolChoiceMode
{
    /// <summary>OpenAI <c>auto</c>, Anthropic <c>auto</c>: the model decides.</summary>
    Auto,

    /// <summary>OpenAI <c>none</c>, Anthropic <c>none</c>: no tool calls.</summary>
    None,

    /// <summary>OpenAI <c>required</c>, Anthropic <c>any</c>: at least one tool call.</summary>
    Required,

    /// <summary>OpenAI <c>{"type":"function","function":{"name":…}}</c>, Anthropic <c>{"type":"tool","name":…}</c>.</summary>
    Function,
}
