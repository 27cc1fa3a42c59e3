namespace Gatewayz.Api.Chat;

/// <summary>One piece of a streamed answer: text, the finish reason, or the final usage.</summary>
public readonly record struct ChatChunk(string? Content, string? FinishReason = null, TokenUsage? Usage = null)
{
    public static ChatChunk Text(string content) => new(content);
}
