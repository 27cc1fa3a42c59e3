namespace Gatewayz.Api.Anthropic;

/// <summary>What holds a list of Anthropic content blocks, which decides the blocks it may hold.</summary>
public enum AnthropicBlockContainer
{
    /// <summary><c>system</c>: text.</summary>
    System,

    /// <summary>A user message: text, images and tool results.</summary>
    User,

    /// <summary>An assistant message: text, images, tool calls and reasoning.</summary>
    Assistant,

    /// <summary>A <c>tool_result</c>'s <c>content</c>: text and images.</summary>
    ToolResult,
}
