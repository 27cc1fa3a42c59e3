namespace Gatewayz.Api.Chat;

/// <summary>
/// One step of a streamed answer in format-free terms: <see cref="Kind"/> of what it adds to choice
/// <see cref="Choice"/>, its <see cref="Text"/> (text, reasoning, refusal, an arguments fragment, or the
/// finish reason), and for tool calls the call's position among the choice's calls
/// (<see cref="ToolIndex"/>) with, when it starts, its <see cref="ToolCallId"/> and <see cref="ToolName"/>.
/// A finished choice may name the <see cref="StopSequence"/> that ended it. A value type: a stream's
/// deltas cost no allocation beyond their strings.
/// </summary>
public readonly record struct ChatDelta(ChatDeltaKind Kind, int Choice, string? Text, int ToolIndex = 0, string? ToolCallId = null, string? ToolName = null,
    string? StopSequence = null)
{
    public static ChatDelta Finished(int choice, string finishReason, string? stopSequence = null) =>
        new(ChatDeltaKind.Finished, choice, finishReason, StopSequence: stopSequence);

    public static ChatDelta ToolCallStarted(int choice, int toolIndex, string id, string name) =>
        new(ChatDeltaKind.ToolCallStarted, choice, null, toolIndex, id, name);
}
