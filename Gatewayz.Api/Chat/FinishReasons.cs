namespace Gatewayz.Api.Chat;

/// <summary>OpenAI's finish reasons, which the gateway uses internally.</summary>
public static class FinishReasons
{
    public const string Stop = "stop";
    public const string Length = "length";
    public const string ContentFilter = "content_filter";
    public const string ToolCalls = "tool_calls";

    /// <summary>The deprecated functions API's reason for a <c>function_call</c>.</summary>
    public const string FunctionCall = "function_call";
}
